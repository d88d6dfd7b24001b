using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sweeps.Faults;

namespace Sweeps.Storage;

/// <summary>How many rows of each table <see cref="DatabaseCopy"/> copied.</summary>
public sealed record CopiedRows(int Sweeps, int Trials, int SweepTrials, int Checkpoints, int Scores, int ReferenceScores, int Workers);

/// <summary>
/// Moves a whole study from one database to another, either provider to either (a single box's SQLite file to
/// the PostgreSQL server several boxes share, or back): every row of every table with its id, so every relation
/// and every id a user has seen (sweep and trial numbers) stays. The target is created or upgraded first and
/// must be empty; the copy is one transaction, so a failed copy leaves it empty. On PostgreSQL the identity
/// sequences are advanced past the copied ids. Timestamps keep PostgreSQL's precision, a microsecond.
/// </summary>
public static class DatabaseCopy
{
    private const int BatchSize = 2000;

    /// <exception cref="DatabaseCopyException">The source does not exist or is not current, or the target is not empty.</exception>
    public static async Task<CopiedRows> CopyAsync(string from, string to, CancellationToken ct)
    {
        await using var sourceServices = new ServiceCollection().AddSweepsStorage(from).BuildServiceProvider();
        await using var targetServices = new ServiceCollection().AddSweepsStorage(to).BuildServiceProvider();
        using var sourceScope = sourceServices.CreateScope();
        using var targetScope = targetServices.CreateScope();
        var source = sourceScope.ServiceProvider.GetRequiredService<SweepsDbContext>();
        var target = targetScope.ServiceProvider.GetRequiredService<SweepsDbContext>();

        await RequireCurrentAsync(source, from, ct);
        await targetScope.ServiceProvider.GetRequiredService<SweepsDatabase>().MigrateAsync(ct);
        await RequireEmptyAsync(target, to, ct);

        target.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await target.Database.BeginTransactionAsync(ct);
        // Parents before children: trials name their sweep, memberships both, scores their checkpoint.
        var copied = new CopiedRows(
            await CopyTableAsync(source.Sweeps.OrderBy(s => s.Id), target, ct),
            await CopyTableAsync(source.Trials.OrderBy(t => t.Id), target, ct),
            await CopyTableAsync(source.SweepTrials.OrderBy(m => m.SweepId).ThenBy(m => m.Index), target, ct),
            await CopyTableAsync(source.Checkpoints.OrderBy(c => c.Id), target, ct),
            await CopyTableAsync(source.Scores.OrderBy(s => s.Id), target, ct),
            await CopyTableAsync(source.ReferenceScores.OrderBy(r => r.Id), target, ct),
            await CopyTableAsync(source.Workers.OrderBy(w => w.Id), target, ct));
        if (target.Database.IsNpgsql())
            await AdvanceIdentitiesAsync(target, ct);
        await transaction.CommitAsync(ct);
        return copied;
    }

    /// <summary>"SQLite database /path/sweeps.db" or "PostgreSQL database sweeps on db:5432": never the password.</summary>
    public static string Describe(string connectionString)
    {
        if (DatabaseConnectionString.ProviderOf(connectionString) == DatabaseProvider.Sqlite)
            return $"SQLite database {Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource)}";
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL database {server.Database} on {server.Host}:{server.Port}";
    }

    private static async Task RequireCurrentAsync(SweepsDbContext source, string from, CancellationToken ct)
    {
        if (!await source.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct))
            throw new DatabaseCopyException($"There is no {Describe(from)} to copy from.");
        var pending = (await source.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
            throw new DatabaseCopyException(
                $"The {Describe(from)} lacks {pending.Count} migration(s) ({string.Join(", ", pending)}): upgrade it with `sweeps db migrate` (Sweeps__Database set to it) before copying.");
    }

    private static async Task RequireEmptyAsync(SweepsDbContext target, string to, CancellationToken ct)
    {
        var held = new (string Table, int Rows)[]
        {
            ("sweeps", await target.Sweeps.CountAsync(ct)),
            ("trials", await target.Trials.CountAsync(ct)),
            ("checkpoints", await target.Checkpoints.CountAsync(ct)),
            ("scores", await target.Scores.CountAsync(ct)),
            ("reference scores", await target.ReferenceScores.CountAsync(ct)),
            ("workers", await target.Workers.CountAsync(ct)),
        }.Where(table => table.Rows > 0).ToList();
        if (held.Count > 0)
            throw new DatabaseCopyException(
                $"The {Describe(to)} is not empty (it holds {string.Join(", ", held.Select(t => $"{t.Rows} {t.Table}"))}): "
                + "db copy only fills an empty database, so that no id of the copied study can collide with one already there.");
    }

    private static async Task<int> CopyTableAsync<T>(IQueryable<T> rows, SweepsDbContext target, CancellationToken ct) where T : class
    {
        int count = 0;
        await foreach (var row in rows.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            // Ids are set, so EF Core inserts them as they are.
            target.Add(row);
            if (++count % BatchSize == 0)
                await FlushAsync(target, ct);
        }
        await FlushAsync(target, ct);
        return count;
    }

    private static async Task FlushAsync(SweepsDbContext target, CancellationToken ct)
    {
        await target.SaveChangesAsync(ct);
        target.ChangeTracker.Clear();
    }

    /// <summary>Rows inserted with their ids leave PostgreSQL's identity sequences at 1: the next insert would
    /// collide. Each is set so that its next value is one past the table's largest id.</summary>
    private static Task AdvanceIdentitiesAsync(SweepsDbContext target, CancellationToken ct) =>
        target.Database.ExecuteSqlRawAsync("""
            SELECT setval(pg_get_serial_sequence('"Sweeps"', 'Id'), COALESCE((SELECT MAX("Id") FROM "Sweeps"), 0) + 1, false);
            SELECT setval(pg_get_serial_sequence('"Trials"', 'Id'), COALESCE((SELECT MAX("Id") FROM "Trials"), 0) + 1, false);
            SELECT setval(pg_get_serial_sequence('"Checkpoints"', 'Id'), COALESCE((SELECT MAX("Id") FROM "Checkpoints"), 0) + 1, false);
            SELECT setval(pg_get_serial_sequence('"Scores"', 'Id'), COALESCE((SELECT MAX("Id") FROM "Scores"), 0) + 1, false);
            SELECT setval(pg_get_serial_sequence('"ReferenceScores"', 'Id'), COALESCE((SELECT MAX("Id") FROM "ReferenceScores"), 0) + 1, false);
            """, ct);
}

/// <summary>A <c>db copy</c> that cannot be made: the message says which database and why.</summary>
public sealed class DatabaseCopyException(string message) : SweepsException(FaultKind.Configuration, message);
