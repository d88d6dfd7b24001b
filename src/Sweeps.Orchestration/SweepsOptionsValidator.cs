using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Sweeps.Storage;
using Sweeps.Training;

namespace Sweeps.Orchestration;

/// <summary>
/// Checks the Sweeps settings: each value's type and the range declared on <see cref="SweepsOptions"/>,
/// keys that name no setting, the database's connection string, CheckpointRoot (a writable folder), the
/// other paths and the device. Every problem is one line naming the setting, where its value came from
/// (a file or an environment variable), the value and what is expected.
/// </summary>
public sealed class SweepsOptionsValidator(IConfiguration configuration) : IValidateOptions<SweepsOptions>
{
    private static readonly PropertyInfo[] Settings = typeof(SweepsOptions).GetProperties()
        .Where(property => property.CanWrite && property.GetSetMethod() is not null).ToArray();

    /// <summary>The settings of <paramref name="configuration"/>, checked: what every command starts with.</summary>
    /// <exception cref="InvalidSettingsException">Any setting is wrong; the message has one line per problem.</exception>
    public static SweepsOptions Read(IConfiguration configuration)
    {
        var validator = new SweepsOptionsValidator(configuration);
        // Read one setting at a time (the binder stops at the first value it cannot convert), so that
        // every wrong value is reported; one that cannot be read keeps its valid default meanwhile.
        var options = new SweepsOptions();
        var problems = new List<string>();
        foreach (var property in Settings)
        {
            if (configuration[$"{SweepsOptions.Section}:{property.Name}"] is not { } raw)
                continue;
            try
            {
                property.SetValue(options, property.PropertyType == typeof(string) ? raw : TypeDescriptor.GetConverter(property.PropertyType).ConvertFromInvariantString(raw));
            }
            catch (Exception unconvertible) when (unconvertible is FormatException or ArgumentException or NotSupportedException or OverflowException)
            {
                problems.Add(validator.Line(property.Name, raw, $"expected {Expected(property)}"));
            }
        }
        problems.AddRange(validator.Problems(options));
        if (problems.Count > 0)
            throw new InvalidSettingsException(problems);
        return options;
    }

    public ValidateOptionsResult Validate(string? name, SweepsOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private IEnumerable<string> Problems(SweepsOptions options)
    {
        foreach (var key in configuration.GetSection(SweepsOptions.Section).GetChildren().Select(child => child.Key))
            if (!Settings.Any(property => property.Name.Equals(key, StringComparison.OrdinalIgnoreCase)))
                yield return Line(key, configuration[$"{SweepsOptions.Section}:{key}"] ?? "", UnknownKey(key));
        foreach (var property in Settings)
        {
            var value = property.GetValue(options);
            var context = new ValidationContext(options) { MemberName = property.Name };
            if (!Validator.TryValidateProperty(value, context, []))
                yield return Line(property.Name, Shown(property.Name, value), $"expected {Expected(property)}");
        }
        if (Problem(DatabaseProblem(options.Database), nameof(options.Database), options.Database) is { } database) yield return database;
        if (Problem(WritableFolderProblem(options.CheckpointRoot), nameof(options.CheckpointRoot), options.CheckpointRoot) is { } checkpoints) yield return checkpoints;
        if (Problem(FolderProblem(options.DataRoot), nameof(options.DataRoot), options.DataRoot) is { } data) yield return data;
        if (Problem(FolderProblem(options.PlotRoot), nameof(options.PlotRoot), options.PlotRoot) is { } plots) yield return plots;
        if (Problem(options.Device.Length == 0 ? null : TrainingDevice.Problem(options.Device), nameof(options.Device), options.Device) is { } device) yield return device;
    }

    private string? Problem(string? problem, string key, string value) => problem is null ? null : Line(key, Shown(key, value), problem);

    /// <summary>"Sweeps:LeaseSeconds is "-5" (environment variable Sweeps__LeaseSeconds): expected ...".</summary>
    private string Line(string key, string value, string problem) =>
        $"{SweepsOptions.Section}:{key} is \"{value}\" ({Source($"{SweepsOptions.Section}:{key}")}): {problem}" + (problem.EndsWith('?') ? "" : ".");

    private static string Shown(string key, object? value) => key == nameof(SweepsOptions.Database)
        ? DatabaseConnectionString.Masked(value as string ?? "")
        : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    /// <summary>Where the value of <paramref name="key"/> came from: the last source that sets it.</summary>
    private string Source(string key)
    {
        if (configuration is not IConfigurationRoot root)
            return "settings";
        foreach (var provider in root.Providers.Reverse())
        {
            if (!provider.TryGet(key, out _))
                continue;
            return provider switch
            {
                Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationProvider => $"environment variable {EnvironmentVariable(key)}",
                FileConfigurationProvider file => "in " + (file.Source.FileProvider?.GetFileInfo(file.Source.Path ?? "").PhysicalPath ?? file.Source.Path),
                _ => $"from {provider}",
            };
        }
        return "the default";
    }

    /// <summary>The variable as the environment spells it (Sweeps__TorchThreads, or SWEEPS__TORCHTHREADS).</summary>
    private static string EnvironmentVariable(string key)
    {
        var spelled = key.Replace(":", "__", StringComparison.Ordinal);
        return Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .FirstOrDefault(name => name.Replace("__", ":", StringComparison.Ordinal).Equals(key, StringComparison.OrdinalIgnoreCase)) ?? spelled;
    }

    private static string UnknownKey(string key)
    {
        var nearest = Settings.Select(property => property.Name)
            .OrderByDescending(name => CommonPrefix(name, key)).First();
        return CommonPrefix(nearest, key) >= 4
            ? $"no such setting; did you mean {nearest}?"
            : $"no such setting; the settings are {string.Join(", ", Settings.Select(property => property.Name))}";
    }

    private static int CommonPrefix(string a, string b)
    {
        int length = 0;
        while (length < a.Length && length < b.Length && char.ToLowerInvariant(a[length]) == char.ToLowerInvariant(b[length])) length++;
        return length;
    }

    /// <summary>"a whole number from 1 to 256", "a number from 0.01 to 3600", "true or false", "a value".</summary>
    private static string Expected(PropertyInfo property)
    {
        var type = property.PropertyType;
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "a value (it must not be empty)";
        var kind = type == typeof(double) ? "a number" : "a whole number";
        if (property.GetCustomAttribute<RangeAttribute>() is not { } range) return kind;
        var minimum = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
        var maximum = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
        return maximum >= int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"{kind}, {minimum} or more")
            : string.Create(CultureInfo.InvariantCulture, $"{kind} from {minimum} to {maximum}");
    }

    private static string? DatabaseProblem(string connectionString)
    {
        if (connectionString.Length == 0) return null;
        try
        {
            DatabaseConnectionString.ProviderOf(connectionString);
            return null;
        }
        catch (UnrecognisedDatabaseException unrecognised)
        {
            return $"{unrecognised.Reason}; {UnrecognisedDatabaseException.Expected.TrimEnd('.')}";
        }
    }

    /// <summary>A folder this user can write files in, or one that can be created.</summary>
    private static string? WritableFolderProblem(string path)
    {
        if (path.Length == 0) return null;
        var folder = Path.GetFullPath(path);
        if (File.Exists(folder)) return "expected a writable folder, and this is a file";
        var existing = folder;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing)) return $"expected a writable folder, but {existing} is a file";
            existing = Path.GetDirectoryName(existing)!;
        }
        var probe = Path.Combine(existing, ".sweeps-write-test");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception refused) when (refused is IOException or UnauthorizedAccessException)
        {
            return $"expected a writable folder, but this user cannot create files in {existing}";
        }
    }

    private static string? FolderProblem(string path) =>
        path.Length > 0 && File.Exists(Path.GetFullPath(path)) ? "expected a folder, and this is a file" : null;
}
