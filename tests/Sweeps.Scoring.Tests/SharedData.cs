namespace Sweeps.Scoring.Tests;

/// <summary>Locates the real test data next to the repository: <c>&lt;repo&gt;/../shared/data</c>.</summary>
internal static class SharedData
{
    public static string Folder(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sweeps.sln")))
            directory = directory.Parent;
        var root = directory?.Parent?.FullName ?? "/nonexistent";
        return Path.Combine(root, "shared", "data", name);
    }
}
