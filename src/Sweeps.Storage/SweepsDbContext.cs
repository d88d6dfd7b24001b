using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage;

public sealed class SweepsDbContext(DbContextOptions<SweepsDbContext> options) : DbContext(options)
{
    public DbSet<Sweep> Sweeps => Set<Sweep>();
    public DbSet<Trial> Trials => Set<Trial>();
    public DbSet<SweepTrial> SweepTrials => Set<SweepTrial>();
    public DbSet<ReferenceScore> ReferenceScores => Set<ReferenceScore>();
    public DbSet<Checkpoint> Checkpoints => Set<Checkpoint>();
    public DbSet<Score> Scores => Set<Score>();
    public DbSet<Worker> Workers => Set<Worker>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SweepsDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
}
