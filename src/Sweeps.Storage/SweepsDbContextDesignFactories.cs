using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sweeps.Storage;

/// <summary>Lets <c>dotnet ef migrations add --context SqliteSweepsDbContext</c> build the model; it never opens the database.</summary>
internal sealed class SqliteSweepsDbContextDesignFactory : IDesignTimeDbContextFactory<SqliteSweepsDbContext>
{
    public SqliteSweepsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteSweepsDbContext>();
        options.UseSweepsSqlite("Data Source=design-time.db");
        return new SqliteSweepsDbContext(options.Options);
    }
}

/// <summary>Lets <c>dotnet ef migrations add --context PostgreSqlSweepsDbContext</c> build the model; it never opens the database.</summary>
internal sealed class PostgreSqlSweepsDbContextDesignFactory : IDesignTimeDbContextFactory<PostgreSqlSweepsDbContext>
{
    public PostgreSqlSweepsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlSweepsDbContext>();
        options.UseSweepsPostgreSql("Host=localhost;Database=design-time");
        return new PostgreSqlSweepsDbContext(options.Options);
    }
}
