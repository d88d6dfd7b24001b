using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sweeps.Storage;

internal sealed class SweepTrialConfiguration : IEntityTypeConfiguration<SweepTrial>
{
    public void Configure(EntityTypeBuilder<SweepTrial> member)
    {
        member.HasKey(m => new { m.SweepId, m.Index });
        member.HasIndex(m => m.TrialId);
        member.HasOne(m => m.Trial).WithMany(t => t.Memberships).HasForeignKey(m => m.TrialId).OnDelete(DeleteBehavior.Cascade);
    }
}
