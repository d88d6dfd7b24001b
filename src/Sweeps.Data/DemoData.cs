namespace Sweeps.Data;

/// <summary>
/// Creates the synthetic demo data in the real formats (docs/demo-data.md): <c>root/imagenet64/</c>
/// (train_data_batch_1.npz..., val_data.npz) and <c>root/bapps/2afc/val/&lt;category&gt;/</c>. The same
/// options give byte-identical files.
/// </summary>
public static class DemoData
{
    // Bump when the generator changes, so existing demo folders are regenerated.
    private const int GeneratorVersion = 1;
    private const string MarkerFileName = "demo-data.complete";
    private const string LockFileName = "demo-data.lock";

    /// <summary>Generates the data unless a complete generation with the same options is already there.</summary>
    public static DemoDataFolders Ensure(string root, DemoDataOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ClassCount, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.ClassCount, DemoClasses.MaxClassCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TrainImagesPerClass, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ValImagesPerClass, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TripletsPerCategory, 1);

        var folders = new DemoDataFolders(Path.Combine(root, "imagenet64"), Path.Combine(root, "bapps", "2afc", "val"));
        Directory.CreateDirectory(root);
        using var exclusive = AcquireLock(Path.Combine(root, LockFileName));
        var marker = Path.Combine(root, MarkerFileName);
        var description = $"synthetic demo data, generator version {GeneratorVersion}, {options}";
        if (File.Exists(marker) && File.ReadAllText(marker) == description)
            return folders;

        // Anything here without a matching marker is a different or interrupted generation.
        File.Delete(marker);
        foreach (var folder in new[] { folders.ImageNet, Path.Combine(root, "bapps") }.Where(Directory.Exists))
            Directory.Delete(folder, recursive: true);

        var train = DemoImageNetGenerator.Generate(options.Seed, DemoImageNetGenerator.TrainStream, options.ClassCount, options.TrainImagesPerClass, folders.ImageNet);
        var val = DemoImageNetGenerator.Generate(options.Seed, DemoImageNetGenerator.ValStream, options.ClassCount, options.ValImagesPerClass, folders.ImageNet);
        ImageNet64Folder.Write(folders.ImageNet, train, val);
        DemoBappsGenerator.Generate(folders.BappsVal, options.Seed, options.TripletsPerCategory);
        File.WriteAllText(marker, description);
        return folders;
    }

    /// <summary>Holds the lock file open exclusively, so concurrent callers generate once and the others wait.</summary>
    private static FileStream AcquireLock(string path)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(200));
            }
        }
    }
}
