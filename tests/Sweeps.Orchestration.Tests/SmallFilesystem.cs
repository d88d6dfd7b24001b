using System.Diagnostics;

namespace Sweeps.Orchestration.Tests;

/// <summary>A real, small filesystem (tmpfs) mounted on a temporary folder, to run out of space on for
/// real. Mounting needs root, as the developers' machines and CI have.</summary>
public sealed class SmallFilesystem : IDisposable
{
    private SmallFilesystem(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/>; skips the test, saying why, where that cannot be done.</summary>
    public static SmallFilesystem Mount(int megabytes)
    {
        Skip.IfNot(Environment.UserName == "root", "mounting a small tmpfs to fill up needs root (CI and the development machines run as root)");
        var path = Directory.CreateTempSubdirectory("sweeps-small-disk-").FullName;
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        Assert.True(code == 0, $"mount -t tmpfs failed as root: {output}");
        return new SmallFilesystem(path);
    }

    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Writes a ballast file that leaves <paramref name="leaveBytes"/> free (0: fills the disk to the last page).</summary>
    public string Fill(long leaveBytes)
    {
        var ballast = System.IO.Path.Combine(Path, "ballast");
        using var file = new FileStream(ballast, FileMode.Append, FileAccess.Write);
        try
        {
            foreach (var block in new[] { new byte[1 << 20], new byte[4096] })
            {
                while (FreeBytes - block.Length >= leaveBytes)
                {
                    file.Write(block);
                    file.Flush();
                }
            }
        }
        catch (IOException)
        {
            // Full to the last page.
        }
        return ballast;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static (int Code, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
