namespace Sweeps.Data.Tests;

/// <summary>Writes BAPPS category folders of random 64x64 PNGs (image i of folder f from seed (category, f, i)) and one-element .npy fractions.</summary>
internal static class BappsFolders
{
    public static string WriteCategory(string split, string name, string[] imageFolders, string fractionFolder, float[] fractions, int imageSize = 64)
    {
        var category = Path.Combine(split, name);
        foreach (var part in imageFolders.Append(fractionFolder))
            Directory.CreateDirectory(Path.Combine(category, part));
        for (var row = 0; row < fractions.Length; row++)
        {
            var file = $"{row:D6}";
            foreach (var part in imageFolders)
                RgbImage.WritePng(Path.Combine(category, part, file + ".png"), Image(name, part, row, imageSize), imageSize);
            using var fraction = File.Create(Path.Combine(category, fractionFolder, file + ".npy"));
            NpyFormat.Write(fraction, NpyArray.FromFloat32([fractions[row]]));
        }
        return category;
    }

    public static string WriteTwoAfc(string split, string name, float[] judges) =>
        WriteCategory(split, name, ["ref", "p0", "p1"], "judge", judges);

    public static string WriteJnd(string split, string name, float[] same, int imageSize = 64) =>
        WriteCategory(split, name, ["p0", "p1"], "same", same, imageSize);

    public static byte[] Image(string category, string part, int row, int size = 64)
    {
        var chw = new byte[3 * size * size];
        new Random(HashCode.Combine(category.Length, category[0], part[^1], row)).NextBytes(chw);
        return chw;
    }
}
