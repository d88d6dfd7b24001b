namespace Sweeps.Spec;

/// <summary>Builds the key paths that errors use to name a node (<c>trials[2].model.depth</c>).</summary>
internal static class KeyPath
{
    public static string Child(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public static string Item(string parent, int index) => $"{parent}[{index}]";
}
