using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage;

/// <summary>The model, shared by both providers. Each provider has its own derived context so that it
/// keeps its own migrations (EF Core's guidance for several providers); the stores see only this type.
/// A model change therefore needs one migration per provider, from src/Sweeps.Storage:
/// <c>dotnet ef migrations add NAME --context SqliteSweepsDbContext --output-dir Migrations/Sqlite</c>, and the
/// same with <c>PostgreSqlSweepsDbContext</c> and <c>Migrations/PostgreSql</c>.</summary>
public abstract class SweepsDbContext(DbContextOptions options) : DbContext(options)
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

/// <summary>The embedded single-box store; its migrations are in Migrations/Sqlite.</summary>
internal sealed class SqliteSweepsDbContext(DbContextOptions<SqliteSweepsDbContext> options) : SweepsDbContext(options);

/// <summary>The store shared by many boxes; its migrations are in Migrations/PostgreSql.</summary>
internal sealed class PostgreSqlSweepsDbContext(DbContextOptions<PostgreSqlSweepsDbContext> options) : SweepsDbContext(options);
