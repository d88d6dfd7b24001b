using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>
/// Walks one mapping of a sweep file against the trial-configuration schema: each key is a setting
/// (handed to <c>onSetting</c>), a section such as <c>model</c> (handed to <c>onSection</c>), or an
/// unknown key, reported with a suggestion. Used for <c>base</c>, <c>trials</c> entries and <c>parameters</c>.
/// </summary>
internal static class ConfigSchemaWalk
{
    public delegate void SettingHandler(ConfigField field, YamlNode keyNode, YamlNode valueNode, string path, string keyPath);

    public delegate void SectionHandler(YamlNode valueNode, string path, string keyPath);

    public static void Mapping(YamlNode node, string pathPrefix, string keyPath, string expected, SpecErrorList errors,
        SettingHandler onSetting, SectionHandler onSection)
    {
        if (!YamlNodes.TryMapping(node, keyPath, expected, errors, out var mapping))
            return;
        foreach (var (keyNode, valueNode) in mapping)
        {
            if (!YamlNodes.TryKeyName(keyNode, keyPath, errors, out var key))
                continue;
            var path = pathPrefix + key;
            var childKeyPath = KeyPath.Child(keyPath, key);
            if (ConfigSchema.Find(path) is { } field)
                onSetting(field, keyNode, valueNode, path, childKeyPath);
            else if (ConfigSchema.IsSection(path))
                onSection(valueNode, path, childKeyPath);
            else
                errors.Add(keyNode, childKeyPath, KeySuggestion.UnknownKey(key, ConfigSchema.KeysUnder(pathPrefix)));
        }
    }
}
