namespace Sweeps.Spec;

/// <summary>
/// Turns a trial's settings (base, then what the method chose, then conditions) into its stored
/// configuration: the family's defaults, then any <c>model.preset</c>, then every other setting in
/// order, so explicit keys beat presets and presets beat defaults wherever they are written.
/// </summary>
internal static class ConfigResolver
{
    public static TrialConfig Resolve(IReadOnlyList<Assignment> settings)
    {
        var presets = settings.Where(s => s.Path == ModelPresets.Path).ToList();
        var explicitSettings = settings.Where(s => s.Path != ModelPresets.Path).ToList();
        var family = explicitSettings.LastOrDefault(s => s.Path == FamilyDefaults.FamilyPath)?.ValueText
            ?? presets.Aggregate(new TrialConfig(), (config, preset) => preset.Apply(config)).Model.Family;
        var withPresets = presets.Aggregate(FamilyDefaults.For(family), (config, preset) => preset.Apply(config));
        return explicitSettings.Aggregate(withPresets, (config, setting) => setting.Apply(config));
    }
}
