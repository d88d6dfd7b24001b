using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>
/// One configuration a sweep method produced, before repeats: the settings applied on top of
/// <c>base</c>, the subset that names it in labels, and where in the file it comes from.
/// </summary>
internal sealed record Configuration(
    IReadOnlyList<Assignment> Settings,
    IReadOnlyList<Assignment> Varied,
    YamlNode Source,
    string SourceKeyPath);
