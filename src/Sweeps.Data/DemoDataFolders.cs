namespace Sweeps.Data;

/// <summary>Where <see cref="DemoData.Ensure"/> put the data: the ImageNet-64 folder and the BAPPS 2AFC val split folder.</summary>
public sealed record DemoDataFolders(string ImageNet, string BappsVal);
