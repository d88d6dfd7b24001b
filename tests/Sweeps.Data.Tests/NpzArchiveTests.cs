using System.IO.Compression;

namespace Sweeps.Data.Tests;

public class NpzArchiveTests
{
    [Fact]
    public void Arrays_round_trip_under_their_names_as_deflated_npy_members()
    {
        using var folder = new TempFolder();
        var path = folder.File("pair.npz");

        NpzArchive.Write(path, new Dictionary<string, NpyArray>
        {
            ["data"] = NpyArray.FromUInt8([1, 2, 3, 4, 5, 6], 2, 3),
            ["labels"] = NpyArray.FromInt64([7, 8]),
        });

        using (var zip = ZipFile.OpenRead(path))
        {
            Assert.Equal(new[] { "data.npy", "labels.npy" }, zip.Entries.Select(entry => entry.FullName).Order());
            Assert.All(zip.Entries, entry => Assert.NotEqual(entry.Length, entry.CompressedLength));
        }
        var read = NpzArchive.Read(path);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, read["data"].AsUInt8());
        Assert.Equal(new long[] { 2, 3 }, read["data"].Shape);
        Assert.Equal(new long[] { 7, 8 }, read["labels"].ToInt64());
    }

    [Fact]
    public void Stored_member_is_read()
    {
        using var folder = new TempFolder();
        var path = folder.File("stored.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var member = zip.CreateEntry("judge.npy", CompressionLevel.NoCompression).Open();
            NpyFormat.Write(member, NpyArray.FromFloat32([0.6f]));
        }
        using (var zip = ZipFile.OpenRead(path))
            Assert.Equal(zip.Entries[0].Length, zip.Entries[0].CompressedLength);

        var read = NpzArchive.Read(path);

        Assert.Equal(new[] { 0.6f }, read["judge"].ToFloat32());
    }

    [Fact]
    public void Writing_twice_gives_identical_bytes()
    {
        using var folder = new TempFolder();
        var arrays = new Dictionary<string, NpyArray> { ["x"] = NpyArray.FromFloat64([1, 2, 3]) };

        NpzArchive.Write(folder.File("a.npz"), arrays);
        Thread.Sleep(2100); // zip timestamps have 2-second resolution
        NpzArchive.Write(folder.File("b.npz"), arrays);

        Assert.Equal(File.ReadAllBytes(folder.File("a.npz")), File.ReadAllBytes(folder.File("b.npz")));
    }

    [Fact]
    public void Truncated_archive_is_rejected_naming_the_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("cut.npz");
        NpzArchive.Write(path, new Dictionary<string, NpyArray> { ["data"] = NpyArray.FromInt32(Enumerable.Range(0, 1000).ToArray()) });
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<DataFormatException>(() => NpzArchive.Read(path));

        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Missing_file_is_reported_by_name()
    {
        var error = Assert.Throws<DataFormatException>(() => NpzArchive.Read("/nonexistent/none.npz"));

        Assert.Equal("/nonexistent/none.npz", error.Path);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void Zip64_archive_is_read()
    {
        using var folder = new TempFolder();
        var path = folder.File("many.npz");
        // More than 65535 members forces the zip64 end-of-central-directory records.
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            for (var index = 0; index < 65_537; index++)
            {
                using var member = zip.CreateEntry($"a{index}.npy", CompressionLevel.NoCompression).Open();
                NpyFormat.Write(member, NpyArray.FromInt32([index]));
            }
        }
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan().IndexOf(new byte[] { 0x50, 0x4B, 0x06, 0x06 }) > 0, "the archive carries a zip64 end-of-central-directory record");

        var read = NpzArchive.Read(path);

        Assert.Equal(65_537, read.Count);
        Assert.Equal(new[] { 65_536 }, read["a65536"].ToInt32());
    }
}
