using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>An <c>early_terminate</c> block to replay over a stored sweep (<c>sweeps replay</c>), read from a
/// file that holds it and, optionally, a <c>metric</c>; a whole sweep file will do, its other keys are ignored.</summary>
/// <param name="Metric">The file's metric, null when it names none (the stored sweep's then applies).</param>
public sealed record EarlyTerminateFile(EarlyTerminate Rule, SweepMetric? Metric)
{
    /// <exception cref="SweepSpecException">The file has one or more problems; all of them are listed.</exception>
    public static EarlyTerminateFile Load(string path)
    {
        var errors = new SpecErrorList(Path.GetFileName(path));
        var root = YamlDocumentLoader.Load(File.ReadAllText(path), errors) ?? throw errors.ToException();
        if (!YamlNodes.TryMapping(root, "", $"a mapping with '{SweepReader.EarlyTerminateKey}' and, optionally, '{SweepReader.MetricKey}'", errors, out var mapping))
            throw errors.ToException();
        YamlNode? Entry(string key) => mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
        var metric = Entry(SweepReader.MetricKey) is { } metricNode ? TopLevelReaders.Metric(metricNode, SweepReader.MetricKey, errors) : null;
        EarlyTerminate? rule = null;
        if (Entry(SweepReader.EarlyTerminateKey) is { } ruleNode)
            rule = EarlyTerminateReader.Read(ruleNode, SweepReader.EarlyTerminateKey, errors);
        else
            errors.Add(root, SweepReader.EarlyTerminateKey, "required key is missing");
        errors.ThrowIfAny();
        return new EarlyTerminateFile(rule!, metric);
    }
}
