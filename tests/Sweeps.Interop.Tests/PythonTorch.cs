using System.Diagnostics;

namespace Sweeps.Interop.Tests;

/// <summary>
/// The real PyTorch these tests compare against: a python3 that imports torch, running the test's own
/// <c>resnet_reference.py</c>. <c>./test</c> installs Debian's python3-torch and names its python3 in
/// SWEEPS_TEST_PYTHON; a python named there must work. Without it, the tests look for one
/// (/usr/bin/python3, then python3 on the PATH) and skip with a message when none imports torch.
/// </summary>
internal static class PythonTorch
{
    public const string EnvironmentVariable = "SWEEPS_TEST_PYTHON";
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "resnet_reference.py");
    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The python to run; skips the test when none with torch can be had outside <c>./test</c>.</summary>
    public static string Require()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            Assert.True(Imports(configured, "torch"), $"{EnvironmentVariable}={configured} cannot import torch.");
            return configured;
        }
        Skip.If(Found.Value is null,
            "No python3 that imports torch (install Debian's python3-torch, or run ./test, which installs it and sets SWEEPS_TEST_PYTHON).");
        return Found.Value!;
    }

    /// <summary>As <see cref="Require"/>, and torchvision must import too (Debian's python3-torchvision; <c>./test</c> installs it).</summary>
    public static void RequireTorchvision()
    {
        var python = Require();
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(EnvironmentVariable)))
            Assert.True(Imports(python, "torchvision"), $"{EnvironmentVariable}={python} cannot import torchvision.");
        else
            Skip.IfNot(Imports(python, "torchvision"), $"{python} cannot import torchvision (install Debian's python3-torchvision, or run ./test).");
    }

    /// <summary>Runs a command of the reference script; fails the test with its error output unless it exits 0.</summary>
    public static string Run(params string[] arguments)
    {
        var (exitCode, output, errors) = Execute(Require(), [Script, .. arguments]);
        Assert.True(exitCode == 0, $"resnet_reference.py {string.Join(' ', arguments)} exited {exitCode}:\n{errors}");
        return output;
    }

    private static string? Find() => new[] { "/usr/bin/python3", "python3" }.FirstOrDefault(python => Imports(python, "torch"));

    private static bool Imports(string python, string module)
    {
        try
        {
            return Execute(python, ["-c", $"import {module}"]).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }

    private static (int ExitCode, string Output, string Errors) Execute(string python, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{python} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors.Result);
    }
}
