using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>The list method: each <c>trials</c> entry is a block of settings applied on top of <c>base</c>.</summary>
internal static class TrialListReader
{
    public static IReadOnlyList<Configuration> Read(YamlNode trials, string keyPath, SpecErrorList errors)
    {
        if (trials is not YamlSequenceNode list || list.Children.Count == 0)
        {
            var got = trials is YamlSequenceNode ? "an empty list" : YamlNodes.Describe(trials);
            errors.Add(trials, keyPath, $"expected a non-empty list of trials, got {got}");
            return [];
        }
        return list.Children
            .Select((entry, i) =>
            {
                var entryKeyPath = KeyPath.Item(keyPath, i);
                var settings = AssignmentReader.Read(entry, entryKeyPath, errors);
                return new Configuration(settings, settings, entry, entryKeyPath);
            })
            .ToList();
    }
}
