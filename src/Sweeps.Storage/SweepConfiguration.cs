using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sweeps.Storage;

internal sealed class SweepConfiguration : IEntityTypeConfiguration<Sweep>
{
    public void Configure(EntityTypeBuilder<Sweep> sweep)
    {
        sweep.HasIndex(s => s.Name);
        sweep.HasMany(s => s.Members).WithOne().HasForeignKey(m => m.SweepId).OnDelete(DeleteBehavior.Cascade);
        sweep.HasMany<Trial>().WithOne().HasForeignKey(t => t.SweepId).OnDelete(DeleteBehavior.Cascade);
    }
}
