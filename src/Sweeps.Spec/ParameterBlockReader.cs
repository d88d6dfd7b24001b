using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>
/// Reads one parameter's block, with W&amp;B's keys and meaning: <c>value</c> (fixed), <c>values</c>
/// (categorical), or <c>distribution</c> with <c>min</c>/<c>max</c> (and <c>q</c>, default 1, for
/// q_uniform). Without <c>distribution</c>, <c>values</c> means categorical and <c>min</c>/<c>max</c>
/// mean int_uniform when both are integers, else uniform. Every value is validated as the
/// parameter's type and range.
/// </summary>
internal static class ParameterBlockReader
{
    private const string ValuesKey = "values";
    private const string ValueKey = "value";
    private const string DistributionKey = "distribution";
    private const string MinKey = "min";
    private const string MaxKey = "max";
    private const string QKey = "q";
    public static readonly string[] BlockKeys = [ValuesKey, ValueKey, DistributionKey, MinKey, MaxKey, QKey];

    public static readonly IReadOnlyDictionary<string, DistributionKind> Distributions = new Dictionary<string, DistributionKind>
    {
        ["categorical"] = DistributionKind.Categorical,
        ["uniform"] = DistributionKind.Uniform,
        ["log_uniform_values"] = DistributionKind.LogUniformValues,
        ["int_uniform"] = DistributionKind.IntUniform,
        ["q_uniform"] = DistributionKind.QUniform,
    };

    private static readonly ScalarReader<string> DistributionNameReader = ValueReaders.Text(ValueChecks.NonEmpty);
    private static readonly ScalarReader<double> QReader = ValueReaders.Number(ValueChecks.Above(0.0));

    /// <param name="listsTrials">True for methods that enumerate trials (grid, list): only listed values are allowed.</param>
    /// <returns>The axis, or null after reporting why the block is invalid.</returns>
    public static ParameterAxis? Read(ConfigField field, YamlNode block, string keyPath, bool listsTrials, SpecErrorList errors)
    {
        if (!YamlNodes.TryMapping(block, keyPath, $"a mapping with '{ValuesKey}' or '{ValueKey}'", errors, out var mapping))
            return null;

        var keys = new Dictionary<string, (YamlNode Key, YamlNode Value)>();
        var misspelt = false;
        foreach (var (keyNode, valueNode) in mapping)
        {
            if (!YamlNodes.TryKeyName(keyNode, keyPath, errors, out var key))
                misspelt = true;
            else if (BlockKeys.Contains(key))
                keys[key] = (keyNode, valueNode);
            else
            {
                errors.Add(keyNode, KeyPath.Child(keyPath, key), KeySuggestion.UnknownKey(key, BlockKeys));
                misspelt = true;
            }
        }

        if (keys.ContainsKey(ValueKey))
        {
            if (keys.Count > 1)
            {
                var other = keys.ContainsKey(ValuesKey) ? $"'{ValuesKey}'" : "a distribution";
                errors.Add(block, keyPath, $"expected either {other} or '{ValueKey}', not both");
                return null;
            }
            return field.Read(keys[ValueKey].Value, KeyPath.Child(keyPath, ValueKey), errors) is { } fixedValue
                ? new ValuesAxis(block.Start, [[fixedValue]], isVaried: false)
                : null;
        }

        if (!TryKind(keys, keyPath, errors, out var kind, out var kindNode))
            return null;
        if (kind is not { } known)
        {
            // A misspelt key was already reported; saying the right one is missing would repeat it.
            if (!misspelt)
                errors.Add(block, keyPath, $"expected '{ValuesKey}', '{ValueKey}', or '{MinKey}' and '{MaxKey}' of a distribution");
            return null;
        }
        return known == DistributionKind.Categorical
            ? ReadCategorical(field, block, keys, keyPath, errors)
            : ReadNumeric(field, known, kindNode!, block, keys, keyPath, listsTrials, errors);
    }

    /// <summary>The distribution named or implied; false after reporting an unknown name.</summary>
    private static bool TryKind(Dictionary<string, (YamlNode Key, YamlNode Value)> keys, string keyPath, SpecErrorList errors,
        out DistributionKind? kind, out YamlNode? kindNode)
    {
        kind = null;
        kindNode = null;
        if (keys.TryGetValue(DistributionKey, out var named))
        {
            kindNode = named.Value;
            var distributionKeyPath = KeyPath.Child(keyPath, DistributionKey);
            if (!DistributionNameReader.TryRead(named.Value, distributionKeyPath, errors, out var name))
                return false;
            if (!Distributions.TryGetValue(name, out var found))
            {
                errors.Add(named.Value, distributionKeyPath,
                    KeySuggestion.UnknownKey(name, Distributions.Keys.ToList()).Replace("unknown key", "unknown distribution", StringComparison.Ordinal));
                return false;
            }
            kind = found;
        }
        else if (keys.ContainsKey(ValuesKey))
            kind = DistributionKind.Categorical;
        else if (keys.TryGetValue(MinKey, out var min) && keys.TryGetValue(MaxKey, out var max))
        {
            kindNode = min.Key;
            kind = IsInteger(min.Value) && IsInteger(max.Value) ? DistributionKind.IntUniform : DistributionKind.Uniform;
        }
        return true;
    }

    private static ParameterAxis? ReadCategorical(ConfigField field, YamlNode block, Dictionary<string, (YamlNode Key, YamlNode Value)> keys,
        string keyPath, SpecErrorList errors)
    {
        var valid = RejectKeys(keys, [MinKey, MaxKey, QKey], "categorical", keyPath, errors);
        if (!keys.TryGetValue(ValuesKey, out var values))
        {
            errors.Add(block, keyPath, $"categorical needs '{ValuesKey}'");
            return null;
        }
        var points = ValueListReader.Read(field, values.Value, KeyPath.Child(keyPath, ValuesKey), errors);
        return valid && points is not null ? new ValuesAxis(block.Start, points.Select(p => (IReadOnlyList<Assignment>)[p]).ToList(), isVaried: true) : null;
    }

    private static ParameterAxis? ReadNumeric(ConfigField field, DistributionKind kind, YamlNode kindNode, YamlNode block,
        Dictionary<string, (YamlNode Key, YamlNode Value)> keys, string keyPath, bool listsTrials, SpecErrorList errors)
    {
        var name = Distributions.First(d => d.Value == kind).Key;
        var kindKeyPath = keys.ContainsKey(DistributionKey) ? KeyPath.Child(keyPath, DistributionKey) : KeyPath.Child(keyPath, MinKey);
        var valid = RejectKeys(keys, kind == DistributionKind.QUniform ? [ValuesKey] : [ValuesKey, QKey], name, keyPath, errors);
        if (listsTrials)
        {
            errors.Add(kindNode, kindKeyPath, $"this method lists every trial, so it cannot draw from {name}; use '{ValuesKey}' or method random");
            valid = false;
        }
        if (field.NumberKind == NumberKind.None)
        {
            errors.Add(kindNode, kindKeyPath, $"{field.Path} is not a number; list its choices in '{ValuesKey}'");
            return null;
        }
        if (field.NumberKind == NumberKind.Integer && kind is DistributionKind.Uniform or DistributionKind.LogUniformValues)
        {
            errors.Add(kindNode, kindKeyPath, $"{field.Path} takes integers; use int_uniform, q_uniform with an integer q, or '{ValuesKey}'");
            valid = false;
        }

        var min = ReadBound(field, kind, MinKey, block, keys, keyPath, errors);
        var max = ReadBound(field, kind, MaxKey, block, keys, keyPath, errors);
        var q = ReadQ(field, kind, keys, keyPath, errors);
        if (min is not { } low || max is not { } high || q is not { } step || !valid)
            return null;
        if (low > high)
        {
            errors.Add(keys[MaxKey].Value, KeyPath.Child(keyPath, MaxKey), $"expected a number >= min ({ValueText.Format(low)}), got {ValueText.Format(high)}");
            return null;
        }
        if (kind == DistributionKind.LogUniformValues && low <= 0)
        {
            errors.Add(keys[MinKey].Value, KeyPath.Child(keyPath, MinKey), $"expected a number > 0 for log_uniform_values, got {ValueText.Format(low)}");
            return null;
        }
        return new DistributionAxis(field, new NumericDistribution(kind, low, high, step), block, keyPath);
    }

    /// <summary>min or max: required, an integer for int_uniform, and within the field's own range.</summary>
    private static double? ReadBound(ConfigField field, DistributionKind kind, string key, YamlNode block,
        Dictionary<string, (YamlNode Key, YamlNode Value)> keys, string keyPath, SpecErrorList errors)
    {
        if (!keys.TryGetValue(key, out var bound))
        {
            errors.Add(block, keyPath, $"{Distributions.First(d => d.Value == kind).Key} needs '{key}'");
            return null;
        }
        var boundKeyPath = KeyPath.Child(keyPath, key);
        double value;
        if (kind == DistributionKind.IntUniform)
        {
            if (!ValueReaders.Integer().TryRead(bound.Value, boundKeyPath, errors, out var integer))
                return null;
            value = integer;
        }
        else if (!ValueReaders.Number().TryRead(bound.Value, boundKeyPath, errors, out value))
            return null;
        // Bounds of an integer field are only checked when they are themselves drawn (int_uniform).
        if (field.NumberKind == NumberKind.Real || kind == DistributionKind.IntUniform)
            return field.FromNumber(value, bound.Value, boundKeyPath, errors) is null ? null : value;
        return value;
    }

    /// <returns>q (1 unless given for q_uniform), or null after reporting it invalid.</returns>
    private static double? ReadQ(ConfigField field, DistributionKind kind, Dictionary<string, (YamlNode Key, YamlNode Value)> keys,
        string keyPath, SpecErrorList errors)
    {
        if (kind != DistributionKind.QUniform || !keys.TryGetValue(QKey, out var given))
            return 1;
        var qKeyPath = KeyPath.Child(keyPath, QKey);
        if (!QReader.TryRead(given.Value, qKeyPath, errors, out var q))
            return null;
        if (field.NumberKind == NumberKind.Integer && q != Math.Floor(q))
        {
            errors.Add(given.Value, qKeyPath, $"expected an integer q, since {field.Path} takes integers, got {ValueText.Format(q)}");
            return null;
        }
        return q;
    }

    /// <returns>False after reporting each of <paramref name="unused"/> that is present.</returns>
    private static bool RejectKeys(Dictionary<string, (YamlNode Key, YamlNode Value)> keys, string[] unused, string distribution,
        string keyPath, SpecErrorList errors)
    {
        var valid = true;
        foreach (var key in unused.Where(keys.ContainsKey))
        {
            errors.Add(keys[key].Key, KeyPath.Child(keyPath, key), $"not used by {distribution}");
            valid = false;
        }
        return valid;
    }

    private static bool IsInteger(YamlNode node) => node is YamlScalarNode scalar && ValueReaders.TryInteger(scalar, out _);
}
