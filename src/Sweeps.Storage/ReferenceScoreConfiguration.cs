using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sweeps.Storage;

internal sealed class ReferenceScoreConfiguration : IEntityTypeConfiguration<ReferenceScore>
{
    public void Configure(EntityTypeBuilder<ReferenceScore> score) =>
        score.HasIndex(s => new { s.Folder, s.Metric, s.Function, s.Category }).IsUnique();
}
