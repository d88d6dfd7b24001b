using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Sweeps.Storage;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps db migrate</c>: creates or upgrades the database the Database setting names, SQLite or PostgreSQL;
/// <c>sweeps db copy</c>: moves a study from one database to an empty other.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Create the database the Database setting names, or upgrade its schema (SQLite or PostgreSQL)");
        migrate.SetAction(async (_, ct) =>
        {
            await using var services = await SweepsHost.CreateServicesAsync(ct, migrate: false);
            using var scope = services.CreateScope();
            var database = scope.ServiceProvider.GetRequiredService<SweepsDatabase>();
            var applied = await database.MigrateAsync(ct);
            var all = await database.AppliedMigrationsAsync(ct);
            Console.WriteLine(applied.Count == 0
                ? $"{database.Provider} database is current: {all.Count} migration(s), newest {all[^1]}."
                : $"{database.Provider} database migrated: applied {string.Join(", ", applied)}; newest {all[^1]}.");
            return 0;
        });
        return new Command("db", "The database: create or upgrade it, or copy a study to another") { migrate, Copy() };
    }

    private static Command Copy()
    {
        var from = new Option<string>("--from") { Description = "Connection string of the database to copy (SQLite or PostgreSQL)", Required = true };
        var to = new Option<string>("--to") { Description = "Connection string of an empty database to copy into; created or upgraded first", Required = true };
        var copy = new Command("copy", "Copy every sweep, trial, checkpoint record and score with its id into an empty database (e.g. a SQLite study to the PostgreSQL server several boxes share)")
        {
            from, to,
        };
        copy.SetAction(async (parse, ct) =>
        {
            string source = parse.GetRequiredValue(from), target = parse.GetRequiredValue(to);
            try
            {
                var rows = await DatabaseCopy.CopyAsync(source, target, ct);
                Console.WriteLine($"Copied the {DatabaseCopy.Describe(source)} into the {DatabaseCopy.Describe(target)}: {rows.Sweeps} sweeps, "
                    + $"{rows.Trials} trials ({rows.SweepTrials} sweep memberships), {rows.Checkpoints} checkpoints, {rows.Scores} scores, "
                    + $"{rows.ReferenceScores} reference scores, {rows.Workers} workers.");
                return 0;
            }
            catch (Exception refused) when (refused is DatabaseCopyException or UnrecognisedDatabaseException)
            {
                Console.Error.WriteLine(refused.Message);
                return 1;
            }
        });
        return copy;
    }
}
