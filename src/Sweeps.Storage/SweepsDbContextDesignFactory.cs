using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sweeps.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model; it never opens the database.</summary>
internal sealed class SweepsDbContextDesignFactory : IDesignTimeDbContextFactory<SweepsDbContext>
{
    public SweepsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SweepsDbContext>();
        options.UseSweepsSqlite("Data Source=design-time.db");
        return new SweepsDbContext(options.Options);
    }
}
