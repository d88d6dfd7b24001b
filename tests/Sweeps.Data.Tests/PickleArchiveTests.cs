namespace Sweeps.Data.Tests;

public class PickleArchiveTests
{
    private const int RowLength = 12288;

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Pickled_release_reads_like_the_npz_release(int protocol)
    {
        using var folder = new TempFolder();
        var (trainData, trainLabels) = Batch(rows: 3, seed: 1, labels: [1, 300, 1000]);
        var (valData, valLabels) = Batch(rows: 2, seed: 2, labels: [1000, 7]);
        File.WriteAllBytes(folder.File("train_data_batch_1"), PickleBytes.ImageNetBatch(protocol, trainData, 3, trainLabels, Mean(trainData, 3)));
        File.WriteAllBytes(folder.File("val_data"), PickleBytes.ImageNetBatch(protocol, valData, 2, valLabels, Mean(trainData, 3)));

        using var train = ImageDataset.ReadTrain(folder.Path);
        using var val = ImageDataset.ReadVal(folder.Path, train.ClassCount);

        Assert.Equal(new[] { 0, 299, 999 }, train.Labels);
        Assert.Equal(1000, train.ClassCount);
        Assert.Equal(trainData, train.Rows(0, 3).ToArray());
        Assert.Equal(new[] { 999, 6 }, val.Labels);
        Assert.Equal(valData, val.Rows(0, 2).ToArray());
    }

    [Fact]
    public void Mean_array_keeps_its_float64_values()
    {
        using var folder = new TempFolder();
        var (data, labels) = Batch(rows: 2, seed: 3, labels: [1, 2]);
        var mean = Mean(data, 2);
        File.WriteAllBytes(folder.File("batch"), PickleBytes.ImageNetBatch(4, data, 2, labels, mean));

        var arrays = PickleArchive.Read(folder.File("batch"));

        Assert.Equal(mean, arrays["mean"].ToFloat64());
        Assert.Equal((data[0] + data[RowLength]) / 2.0, arrays["mean"].ToFloat64()[0]);
        Assert.Equal(new long[] { 2, RowLength }, arrays["data"].Shape);
        Assert.Equal(new long[] { 1, 2 }, arrays["labels"].ToInt64());
    }

    [Fact]
    public void Truncated_pickle_is_rejected_naming_the_file()
    {
        using var folder = new TempFolder();
        var (data, labels) = Batch(rows: 2, seed: 4, labels: [1, 2]);
        var bytes = PickleBytes.ImageNetBatch(2, data, 2, labels, Mean(data, 2));
        File.WriteAllBytes(folder.File("val_data"), bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<DataFormatException>(() => PickleArchive.Read(folder.File("val_data")));

        Assert.Equal(folder.File("val_data"), error.Path);
        Assert.Contains("truncated", error.Problem);
    }

    [Fact]
    public void Pickle_calling_an_unknown_function_is_refused_without_running_it()
    {
        using var folder = new TempFolder();
        // pickle.dumps of os.system('true') with protocol 2: GLOBAL 'posix system', ('true',), REDUCE.
        byte[] bytes = [0x80, 0x02, (byte)'c', .. "posix\nsystem\n"u8, (byte)'X', 4, 0, 0, 0, .. "true"u8, 0x85, (byte)'R', (byte)'.'];
        File.WriteAllBytes(folder.File("evil"), bytes);

        var error = Assert.Throws<DataFormatException>(() => PickleArchive.Read(folder.File("evil")));

        Assert.Contains("posix.system", error.Problem);
    }

    [Fact]
    public void Wrong_row_length_in_a_pickle_is_rejected_like_npz()
    {
        using var folder = new TempFolder();
        var data = new byte[2 * 100];
        File.WriteAllBytes(folder.File("val_data"), PickleBytes.ImageNetBatch(4, data, 2, [1, 2], [0.0]));

        var error = Assert.Throws<DataFormatException>(() => ImageNet64Folder.ReadVal(folder.Path, 10));

        Assert.Contains("(2, 100)", error.Problem);
    }

    private static (byte[] Data, long[] Labels) Batch(int rows, int seed, long[] labels)
    {
        var data = new byte[rows * RowLength];
        new Random(seed).NextBytes(data);
        return (data, labels);
    }

    private static double[] Mean(byte[] data, int rows) =>
        Enumerable.Range(0, RowLength).Select(position => Enumerable.Range(0, rows).Average(row => (double)data[row * RowLength + position])).ToArray();
}
