namespace Sweeps.Storage;

/// <summary>A measurement to store; "" for an absent <paramref name="Function"/>, <paramref name="Layer"/> or <paramref name="Category"/>.</summary>
public sealed record ScoreValue(string Metric, string Function, string Layer, string Category, double Value);
