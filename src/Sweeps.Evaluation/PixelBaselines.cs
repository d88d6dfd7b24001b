using Sweeps.Data;
using Sweeps.Scoring;

namespace Sweeps.Evaluation;

/// <summary>
/// The reference rows of a BAPPS 2AFC folder, independent of any model, so computed once per folder:
/// PS of the pixel distances (<see cref="PixelDistance.All"/>) and the human ceiling per category;
/// and of a JND folder: the JND mAP of each pixel distance. Rows carry the baseline's name as
/// function and no layer.
/// </summary>
public static class PixelBaselines
{
    public const string Human = "human";

    public static IReadOnlyList<string> Names { get; } = [.. PixelDistance.All.Select(distance => distance.Name), Human];

    /// <summary>Rows of the named baselines (empty = all of <see cref="Names"/>), in the order given.</summary>
    public static IReadOnlyList<ScoreRow> Score(TwoAfcSet set, IReadOnlyList<string> baselines)
    {
        var unknown = baselines.Where(name => !Names.Contains(name)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unknown baseline(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Names)}.", nameof(baselines));
        if (set.Categories.Sum(category => category.Count) == 0)
            throw new ArgumentException($"{set.Folder} holds no 2AFC triplets to score.", nameof(set));
        return (baselines.Count == 0 ? Names : baselines).SelectMany(name => name == Human
            ? HumanCeiling(set)
            : Agreements(set, Find(name)!)).ToList();
    }

    /// <summary>
    /// <c>jnd_map</c> rows (per category and <c>mean</c>) of the named pixel distances (empty = all) on
    /// JND pairs. The human ceiling has no JND counterpart, so it is not accepted here.
    /// </summary>
    public static IReadOnlyList<ScoreRow> ScoreJnd(IReadOnlyList<JndCategory> categories, IReadOnlyList<string> baselines)
    {
        if (categories.Count == 0) throw new ArgumentException("No JND category to score.", nameof(categories));
        var distances = (baselines.Count == 0 ? PixelDistance.All.Select(distance => distance.Name) : baselines)
            .Select(name => Find(name) ?? throw new ArgumentException(
                $"No JND baseline {name}; known: {string.Join(", ", PixelDistance.All.Select(d => d.Name))}.", nameof(baselines)))
            .ToList();
        return distances.SelectMany(distance =>
        {
            var scores = new JndScores();
            foreach (var category in categories)
            {
                var pairDistances = Enumerable.Range(0, category.Count)
                    .Select(i => distance.Between(Represent(distance, category.P0, i, category.Size), Represent(distance, category.P1, i, category.Size), category.Size))
                    .ToList();
                scores.Add(category.Name, pairDistances, category.Same);
            }
            return scores.ToRows(distance.Name, layer: null);
        }).ToList();
    }

    private static IReadOnlyList<ScoreRow> HumanCeiling(TwoAfcSet set)
    {
        var ceilings = new CategoryMeans();
        foreach (var category in set.Categories)
            foreach (var judge in category.Judges)
                ceilings.Add(category.Name, TwoAfc.HumanCeiling(judge));
        return ceilings.ToPerceptualScoreRows(Human, layer: null);
    }

    private static IReadOnlyList<ScoreRow> Agreements(TwoAfcSet set, PixelDistance distance)
    {
        var agreements = new CategoryMeans();
        foreach (var category in set.Categories)
        {
            for (int i = 0; i < category.Count; i++)
            {
                var reference = Represent(distance, category.Reference, i, category.Size);
                double d0 = distance.Between(reference, Represent(distance, category.P0, i, category.Size), category.Size);
                double d1 = distance.Between(reference, Represent(distance, category.P1, i, category.Size), category.Size);
                agreements.Add(category.Name, TwoAfc.Agreement(d0, d1, category.Judges[i]));
            }
        }
        return agreements.ToPerceptualScoreRows(distance.Name, layer: null);
    }

    private static PixelDistance? Find(string name) => PixelDistance.All.FirstOrDefault(distance => distance.Name == name);

    /// <summary>Image <paramref name="index"/> of a block of channel-major images, in the distance's own representation.</summary>
    private static double[] Represent(PixelDistance distance, byte[] block, int index, int size)
    {
        int imageBytes = 3 * size * size;
        return distance.Represent(block.AsSpan(index * imageBytes, imageBytes).ToArray(), size);
    }
}
