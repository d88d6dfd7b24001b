namespace Sweeps.Testing;

/// <summary>The real test data in &lt;repo&gt;/../shared/data, found from the test binaries' folder.
/// Compiled into every test project.</summary>
internal static class SharedData
{
    public static string Root { get; } = Locate();

    public static bool Missing(string relativePath) => !Path.Exists(Path.Combine(Root, relativePath));

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    private static string Locate()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sweeps.sln")))
                return Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "data"));
        }
        return Path.Combine(AppContext.BaseDirectory, "shared-data-not-found");
    }
}
