namespace Sweeps.Storage.Tests;

public sealed class DatabaseConnectionStringTests
{
    [Theory]
    [InlineData("Data Source=.sweeps/sweeps.db", DatabaseProvider.Sqlite)]
    [InlineData("DataSource=sweeps.db;Cache=Shared", DatabaseProvider.Sqlite)]
    [InlineData("Filename=/var/lib/sweeps/sweeps.db", DatabaseProvider.Sqlite)]
    [InlineData("Host=db;Port=5432;Database=sweeps;Username=sweeps;Password=secret", DatabaseProvider.PostgreSql)]
    [InlineData("Server=db;Database=sweeps", DatabaseProvider.PostgreSql)]
    [InlineData("host=db;username=sweeps", DatabaseProvider.PostgreSql)]
    public void The_provider_is_recognised_from_the_keys(string connectionString, DatabaseProvider provider) =>
        Assert.Equal(provider, DatabaseConnectionString.ProviderOf(connectionString));

    [Theory]
    [InlineData("Database=sweeps;Password=secret")]
    [InlineData("secret.db")]
    [InlineData("")]
    public void A_string_of_neither_provider_is_refused_naming_the_setting_and_not_its_value(string connectionString)
    {
        var error = Assert.Throws<UnrecognisedDatabaseException>(() => DatabaseConnectionString.ProviderOf(connectionString));
        Assert.StartsWith("The setting Sweeps:Database is ", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }
}
