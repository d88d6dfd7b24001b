using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sweeps.Storage;

internal sealed class CheckpointConfiguration : IEntityTypeConfiguration<Checkpoint>
{
    public void Configure(EntityTypeBuilder<Checkpoint> checkpoint)
    {
        checkpoint.HasIndex(c => new { c.TrialId, c.Step }).IsUnique();
        checkpoint.HasMany(c => c.Scores).WithOne().HasForeignKey(s => s.CheckpointId).OnDelete(DeleteBehavior.Cascade);
    }
}
