using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sweeps.Storage;

internal sealed class ScoreConfiguration : IEntityTypeConfiguration<Score>
{
    public void Configure(EntityTypeBuilder<Score> score)
    {
        score.HasIndex(s => new { s.CheckpointId, s.Metric, s.Function, s.Layer, s.Category }).IsUnique();
    }
}
