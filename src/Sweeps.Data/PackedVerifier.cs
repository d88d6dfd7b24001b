namespace Sweeps.Data;

/// <summary>Checks a prepared folder against its manifest and collects every problem instead of stopping at the first.</summary>
internal sealed class PackedVerifier(string dir)
{
    private readonly List<PackedProblem> problems = [];

    public IReadOnlyList<PackedProblem> Run()
    {
        PackedManifest manifest;
        try
        {
            manifest = PackedManifest.Read(dir);
        }
        catch (DataFormatException exception)
        {
            return [new PackedProblem(exception.Path, exception.Problem)];
        }
        var state = Path.Combine(dir, PrepareState.FileName);
        if (File.Exists(state))
            problems.Add(new PackedProblem(state, "an unfinished prepare left this file; run prepare again"));
        foreach (var file in manifest.Files)
            CheckFile(file);
        foreach (var split in manifest.Splits)
        {
            foreach (var column in split.Columns)
                CheckColumn(split, PackColumn.Expected(column, manifest.ImageSize));
        }
        return problems;
    }

    private void CheckFile(PackedFile file)
    {
        var path = Path.Combine(dir, file.Name);
        if (!File.Exists(path))
        {
            problems.Add(new PackedProblem(path, "file listed in the manifest is missing"));
            return;
        }
        var length = new FileInfo(path).Length;
        if (length != file.Bytes)
            problems.Add(new PackedProblem(path, $"holds {length} bytes; the manifest says {file.Bytes}"));
        var sha256 = PackedData.Sha256Of(path);
        if (sha256 != file.Sha256)
            problems.Add(new PackedProblem(path, $"SHA-256 {sha256} does not match the manifest's {file.Sha256}"));
    }

    private void CheckColumn(PackedSplit split, PackColumn expected)
    {
        var path = Path.Combine(dir, split.FileOf(expected.Name));
        if (!File.Exists(path))
            return; // reported by CheckFile, or below when the manifest does not list it
        try
        {
            using var stream = File.OpenRead(path);
            var (dtype, shape, offset) = NpyFormat.ReadHeader(stream, path);
            if (dtype != expected.DType || !shape.SequenceEqual(expected.Shape(split.Count)))
            {
                problems.Add(new PackedProblem(path, $"holds shape {NpyHeader.FormatShape(shape)} of {dtype.Descr}; expected {NpyHeader.FormatShape(expected.Shape(split.Count))} of {expected.DType.Descr}"));
                return;
            }
            if (stream.Length != offset + split.Count * expected.RowBytes)
                problems.Add(new PackedProblem(path, $"holds {stream.Length - offset} data bytes; {split.Count} rows need {split.Count * expected.RowBytes}"));
            else if (!expected.IsImage)
            {
                stream.Seek(0, SeekOrigin.Begin);
                CheckValues(path, split, expected.Name, NpyFormat.Read(stream, path));
            }
        }
        catch (DataFormatException exception)
        {
            problems.Add(new PackedProblem(exception.Path, exception.Problem));
        }
    }

    private void CheckValues(string path, PackedSplit split, string column, NpyArray values)
    {
        switch (column)
        {
            case PackColumn.Labels:
                ReportOutside(path, "label", values.ToInt32(), split.ClassCount);
                break;
            case PackColumn.Categories:
                var ids = values.ToInt32();
                if (ReportOutside(path, "category id", ids, split.Categories.Count))
                    break;
                for (var id = 0; id < split.Categories.Count; id++)
                {
                    var count = ids.Count(value => value == id);
                    if (count != split.Categories[id].Count)
                        problems.Add(new PackedProblem(path, $"category '{split.Categories[id].Name}' has {count} rows; the manifest says {split.Categories[id].Count}"));
                }
                break;
            default:
                var fractions = values.ToFloat32();
                var bad = Array.FindIndex(fractions, value => value is not (>= 0 and <= 1));
                if (bad >= 0)
                    problems.Add(new PackedProblem(path, $"value {fractions[bad]} at row {bad} is outside [0, 1]"));
                break;
        }
    }

    private bool ReportOutside(string path, string what, int[] values, int count)
    {
        var bad = Array.FindIndex(values, value => value < 0 || value >= count);
        if (bad >= 0)
            problems.Add(new PackedProblem(path, $"{what} {values[bad]} at row {bad} is outside 0..{count - 1}"));
        return bad >= 0;
    }
}
