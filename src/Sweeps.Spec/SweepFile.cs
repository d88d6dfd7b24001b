namespace Sweeps.Spec;

/// <summary>Reads sweep files (<c>experiments/*.yaml</c>) into validated trial lists.</summary>
public static class SweepFile
{
    /// <summary>Reads and expands the sweep file at <paramref name="path"/>; errors name the file by its file name.</summary>
    /// <param name="validation">Checks against the world outside the file (data paths); none when null.</param>
    /// <exception cref="SweepSpecException">The file has one or more problems; all of them are listed.</exception>
    public static SweepDefinition Load(string path, SweepValidation? validation = null) =>
        Parse(File.ReadAllText(path), Path.GetFileName(path), validation);

    /// <summary>Expands sweep YAML; <paramref name="fileName"/> is only used to locate errors.</summary>
    /// <exception cref="SweepSpecException">The text has one or more problems; all of them are listed.</exception>
    public static SweepDefinition Parse(string yaml, string fileName, SweepValidation? validation = null) =>
        SweepReader.Read(yaml, fileName, validation ?? new SweepValidation());
}
