namespace Sweeps.Spec;

/// <summary>"unknown key" messages that suggest the nearest valid key by edit distance.</summary>
internal static class KeySuggestion
{
    /// <summary>
    /// Suggests the candidate (or a dotted candidate whose last segment) nearest to
    /// <paramref name="key"/>, or one the key abbreviates; without a close one, lists the candidates at the key's own level
    /// (<c>train.lr</c> -> the <c>train.</c> paths), or else the first level.
    /// </summary>
    public static string UnknownKey(string key, IReadOnlyList<string> candidates)
    {
        var tolerance = Math.Max(1, key.Length / 3);
        var nearest = candidates
            .Select(candidate => (candidate, distance: IsAbbreviation(key, candidate) ? 1 : Math.Min(Distance(key, candidate), Distance(key, LastSegment(candidate)))))
            .Where(c => c.distance <= tolerance)
            .OrderBy(c => c.distance)
            .FirstOrDefault();
        if (nearest.candidate is { } suggestion)
            return $"unknown key; did you mean '{suggestion}'?";
        var siblings = candidates.Where(c => Parent(c) == Parent(key)).ToList();
        var listed = siblings.Count > 0 ? siblings : candidates.Where(c => Parent(c) == "").ToList();
        return $"unknown key; expected {ValueChecks.Alternatives(listed)}";
    }

    /// <summary>A key that stops short of a candidate, like W&amp;B's <c>log_uniform</c> for <c>log_uniform_values</c>.</summary>
    private static bool IsAbbreviation(string key, string candidate) =>
        key.Length >= 4 && candidate.StartsWith(key, StringComparison.Ordinal);

    private static string LastSegment(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static string Parent(string path) => path.LastIndexOf('.') is var dot and >= 0 ? path[..dot] : "";

    /// <summary>Optimal string alignment distance: Levenshtein plus swaps of adjacent letters ("dpeth").</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
