namespace Sweeps.Testing;

/// <summary>The PostgreSQL server that ./test starts for the suite and names in <see cref="ServerVariable"/>.</summary>
public static class TestPostgres
{
    public const string ServerVariable = "SWEEPS_TEST_POSTGRES";

    public const string SkipReason = $"needs a PostgreSQL server: run ./test, which starts one and sets {ServerVariable}";

    /// <summary>The server's connection string, or null when the suite runs without one.</summary>
    public static string? Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    /// <summary>The server's connection string; skips the calling test when there is none.</summary>
    public static string RequireServer()
    {
        Skip.If(Server is null, SkipReason);
        return Server!;
    }
}
