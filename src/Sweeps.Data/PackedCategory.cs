namespace Sweeps.Data;

/// <summary>A BAPPS category of a packed split: its rows are those whose category id is its index.</summary>
public sealed record PackedCategory(string Name, long Count);
