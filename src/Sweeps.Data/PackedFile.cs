namespace Sweeps.Data;

/// <summary>A file of a prepared folder as the manifest records it.</summary>
public sealed record PackedFile(string Name, long Bytes, string Sha256);
