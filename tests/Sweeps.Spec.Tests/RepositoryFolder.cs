namespace Sweeps.Spec.Tests;

/// <summary>The checkout the tests run from, found by walking up to Sweeps.sln; and its generated files.</summary>
internal static class RepositoryFolder
{
    /// <summary>Set to 1 to rewrite generated files (schema, README table) instead of failing on a difference.</summary>
    public const string RegenerateVariable = "SWEEPS_REGENERATE";

    public static string Root { get; } = FindRoot();

    public static string Experiments => Path.Combine(Root, "experiments");

    public static bool Regenerating => Environment.GetEnvironmentVariable(RegenerateVariable) == "1";

    public static string HowToRegenerate =>
        $"regenerate with: {RegenerateVariable}=1 dotnet test tests/Sweeps.Spec.Tests (then review the diff)";

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sweeps.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No Sweeps.sln above {AppContext.BaseDirectory}");
    }
}
