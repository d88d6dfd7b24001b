using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sweeps.Storage;

internal sealed class TrialConfiguration : IEntityTypeConfiguration<Trial>
{
    public void Configure(EntityTypeBuilder<Trial> trial)
    {
        trial.Property(t => t.State).HasConversion<string>().HasMaxLength(16);
        trial.Property(t => t.Request).HasConversion<string>().HasMaxLength(16);
        // The claim query filters on state and orders by priority; submission looks trials up by configuration.
        trial.HasIndex(t => new { t.State, t.Priority });
        trial.HasIndex(t => new { t.SweepId, t.Index }).IsUnique();
        trial.HasIndex(t => t.ConfigHash);
        trial.HasMany(t => t.Checkpoints).WithOne(c => c.Trial).HasForeignKey(c => c.TrialId).OnDelete(DeleteBehavior.Cascade);
    }
}
