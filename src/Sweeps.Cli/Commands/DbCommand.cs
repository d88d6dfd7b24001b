using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Sweeps.Storage;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps db migrate</c>: creates or upgrades the database the Database setting names, SQLite or PostgreSQL.</summary>
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
        return new Command("db", "The database: create or upgrade it") { migrate };
    }
}
