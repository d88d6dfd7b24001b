namespace Sweeps.Data;

/// <summary>
/// The classes a trial trains and evaluates on (the class-granularity study): an explicit list in its
/// order, or a seeded draw of a number of classes. Applying it keeps the images of those classes and
/// relabels them 0..k-1 in <see cref="Classes"/> order, identically for train and val.
/// </summary>
public sealed class ClassSubset
{
    private readonly int[] newLabelOf;

    private ClassSubset(int totalClasses, int[] classes)
    {
        TotalClasses = totalClasses;
        Classes = classes;
        newLabelOf = Enumerable.Repeat(-1, totalClasses).ToArray();
        for (var index = 0; index < classes.Length; index++)
            newLabelOf[classes[index]] = index;
    }

    /// <summary>Original class index of each new label.</summary>
    public IReadOnlyList<int> Classes { get; }
    public int TotalClasses { get; }
    public int Count => Classes.Count;

    /// <summary>
    /// <paramref name="explicitClasses"/> when given (0-based, distinct, in range); otherwise
    /// <paramref name="count"/> classes drawn with <paramref name="seed"/> (0 = all), sorted. Draws are
    /// nested: with one seed, the classes of a smaller count are among those of a larger one.
    /// </summary>
    public static ClassSubset Choose(int totalClasses, int count, IReadOnlyList<int> explicitClasses, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(totalClasses, 1);
        if (explicitClasses.Count > 0)
        {
            foreach (var wrong in explicitClasses.Where(index => index < 0 || index >= totalClasses))
                throw new ArgumentOutOfRangeException(nameof(explicitClasses), $"class {wrong} is outside 0..{totalClasses - 1}");
            if (explicitClasses.Distinct().Count() != explicitClasses.Count)
                throw new ArgumentException("the class list names a class twice", nameof(explicitClasses));
            return new ClassSubset(totalClasses, [.. explicitClasses]);
        }
        if (count < 0 || count > totalClasses)
            throw new ArgumentOutOfRangeException(nameof(count), $"{count} classes requested of {totalClasses}");
        if (count == 0)
            return new ClassSubset(totalClasses, Enumerable.Range(0, totalClasses).ToArray());
        // System.Random with a seed is the same sequence on every .NET version and platform.
        var order = Enumerable.Range(0, totalClasses).ToArray();
        new Random(seed).Shuffle(order);
        return new ClassSubset(totalClasses, order.Take(count).Order().ToArray());
    }

    /// <summary>The images of the chosen classes, in their original order, relabelled; the input stays usable.</summary>
    public LabelledImages Apply(LabelledImages images)
    {
        if (images.ClassCount != TotalClasses)
            throw new ArgumentException($"{images.Source} has {images.ClassCount} classes; this subset was chosen from {TotalClasses}.", nameof(images));
        var kept = Enumerable.Range(0, images.Count).Where(index => newLabelOf[images.Labels[index]] >= 0).ToArray();
        if (kept.Length == 0)
            throw new DataFormatException(images.Source, $"no images of the {Count} chosen classes");
        var store = MappedPixelStore.CreateAnonymous((long)kept.Length * images.ImageBytes);
        for (var row = 0; row < kept.Length; row++)
            images.Image(kept[row]).CopyTo(store.Writable((long)row * images.ImageBytes, images.ImageBytes));
        var names = images.ClassNames.Count == TotalClasses ? Classes.Select(index => images.ClassNames[index]).ToList() : [];
        return new LabelledImages(store, kept.Select(index => newLabelOf[images.Labels[index]]).ToArray(), images.Size, Count, images.Source)
        {
            ClassNames = names,
            PreparedFrom = images.PreparedFrom,
        };
    }
}
