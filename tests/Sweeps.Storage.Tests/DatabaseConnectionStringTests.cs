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
    [InlineData("Database=sweeps;Password=secret", "\"Database=sweeps;Password=***\") is a connection string of neither SQLite nor PostgreSQL")]
    [InlineData("secret.db", "\"secret.db\") is not a connection string (KEY=VALUE;KEY=VALUE...)")]
    [InlineData("", "\"\") is a connection string of neither SQLite nor PostgreSQL")]
    [InlineData("Data Source=x.db;Pasword=secret", "\"Data Source=x.db;Pasword=secret\") is not a SQLite connection string (Connection string keyword 'pasword' is not supported")]
    [InlineData("Host=db;Port=many;PWD='secret'", "\"Host=db;Port=many;PWD=***\") is not a PostgreSQL connection string (")]
    public void A_string_of_neither_provider_is_refused_naming_the_setting_and_its_value_with_the_password_masked(string connectionString, string reason)
    {
        var error = Assert.Throws<UnrecognisedDatabaseException>(() => DatabaseConnectionString.ProviderOf(connectionString));
        Assert.StartsWith("The setting Sweeps:Database (\"", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.DoesNotContain("Password=secret", error.Message);
        Assert.DoesNotContain("'secret'", error.Message);
    }

    [Theory]
    [InlineData("Host=db;Password=s3cret;Username=u", "Host=db;Password=***;Username=u")]
    [InlineData("password = \"a;b\" ;Host=db", "password = *** ;Host=db")]
    [InlineData("Host=db;pwd=x", "Host=db;pwd=***")]
    [InlineData("Data Source=passwords.db", "Data Source=passwords.db")]
    public void Passwords_are_masked_wherever_they_stand(string connectionString, string shown) =>
        Assert.Equal(shown, DatabaseConnectionString.Masked(connectionString));
}
