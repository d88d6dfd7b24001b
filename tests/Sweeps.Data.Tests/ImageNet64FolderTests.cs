namespace Sweeps.Data.Tests;

public class ImageNet64FolderTests
{
    private const int Row = 3 * 64 * 64;

    [Fact]
    public void Write_then_read_round_trips_with_one_based_labels_on_disk()
    {
        using var folder = new TempFolder();
        var train = Images([2, 0, 1, 2], classCount: 3, fill: 10);
        var val = Images([1, 2], classCount: 3, fill: 99);

        ImageNet64Folder.Write(folder.Path, train, val);

        var rawTrain = NpzArchive.Read(folder.File("train_data_batch_1.npz"));
        Assert.Equal(new long[] { 3, 1, 2, 3 }, rawTrain["labels"].ToInt64());
        Assert.Equal(new long[] { 4, Row }, rawTrain["data"].Shape);
        Assert.Equal(new long[] { Row }, rawTrain["mean"].Shape);
        Assert.Equal(new long[] { 2, 3 }, NpzArchive.Read(folder.File("val_data.npz"))["labels"].ToInt64());

        var readTrain = ImageNet64Folder.ReadTrain(folder.Path);
        Assert.Equal(train.Rows(0, train.Count).ToArray(), readTrain.Rows(0, readTrain.Count).ToArray());
        Assert.Equal(new[] { 2, 0, 1, 2 }, readTrain.Labels);
        Assert.Equal(3, readTrain.ClassCount);
        Assert.Equal(64, readTrain.Size);

        var readVal = ImageNet64Folder.ReadVal(folder.Path, readTrain.ClassCount);
        Assert.Equal(val.Rows(0, val.Count).ToArray(), readVal.Rows(0, readVal.Count).ToArray());
        Assert.Equal(new[] { 1, 2 }, readVal.Labels);
        Assert.Equal(3, readVal.ClassCount);
    }

    [Fact]
    public void Mean_is_the_per_position_average_of_the_train_images()
    {
        using var folder = new TempFolder();
        var pixels = new byte[2 * Row];
        pixels[0] = 10;
        pixels[Row] = 21;
        pixels[Row - 1] = 255;

        ImageNet64Folder.Write(folder.Path, new LabelledImages(pixels, [0, 1], 64, 2, "test"), Images([0], 2, 0));

        var mean = NpzArchive.Read(folder.File("train_data_batch_1.npz"))["mean"].ToFloat64();
        Assert.Equal(15.5, mean[0]);
        Assert.Equal(127.5, mean[Row - 1]);
        Assert.Equal(0.0, mean[1]);
    }

    [Fact]
    public void Train_batches_are_concatenated_in_numeric_order()
    {
        using var folder = new TempFolder();
        var labels = Enumerable.Range(0, 11).ToArray();
        var pixels = new byte[labels.Length * Row];
        for (var image = 0; image < 11; image++)
            pixels[image * Row] = (byte)image;
        var train = new LabelledImages(pixels, labels, 64, 11, "test");

        ImageNet64Folder.Write(folder.Path, train, Images([0], 11, 0), imagesPerBatch: 1);

        Assert.Equal(
            Enumerable.Range(1, 11).Select(n => $"train_data_batch_{n}.npz"),
            ImageNet64Folder.TrainBatchFiles(folder.Path).Select(Path.GetFileName));
        var read = ImageNet64Folder.ReadTrain(folder.Path);
        Assert.Equal(labels, read.Labels);
        Assert.Equal(Enumerable.Range(0, 11).Select(image => (byte)image), Enumerable.Range(0, 11).Select(image => read.Image(image)[0]));
    }

    [Fact]
    public void Labels_of_any_integer_dtype_are_accepted()
    {
        using var folder = new TempFolder();
        WriteBatch(folder.File("train_data_batch_1.npz"), NpyArray.FromUInt8(new byte[2 * Row], 2, Row), NpyArray.FromUInt8([5, 1]));

        var read = ImageNet64Folder.ReadTrain(folder.Path);

        Assert.Equal(new[] { 4, 0 }, read.Labels);
        Assert.Equal(5, read.ClassCount);
    }

    [Fact]
    public void Wrong_row_length_is_rejected_naming_the_file()
    {
        using var folder = new TempFolder();
        var file = folder.File("train_data_batch_1.npz");
        WriteBatch(file, NpyArray.FromUInt8(new byte[2 * 100], 2, 100), NpyArray.FromInt64([1, 2]));

        var error = Assert.Throws<DataFormatException>(() => ImageNet64Folder.ReadTrain(folder.Path));

        Assert.Equal(file, error.Path);
        Assert.Contains("N x 12288", error.Message);
        Assert.Contains("(2, 100)", error.Message);
    }

    [Fact]
    public void Label_zero_is_rejected_with_its_index()
    {
        using var folder = new TempFolder();
        var file = folder.File("train_data_batch_1.npz");
        WriteBatch(file, NpyArray.FromUInt8(new byte[3 * Row], 3, Row), NpyArray.FromInt64([1, 2, 0]));

        var error = Assert.Throws<DataFormatException>(() => ImageNet64Folder.ReadTrain(folder.Path));

        Assert.Equal(file, error.Path);
        Assert.Contains("label 0 at index 2", error.Message);
    }

    [Fact]
    public void Val_label_above_the_class_count_is_rejected_with_its_index()
    {
        using var folder = new TempFolder();
        var file = folder.File("val_data.npz");
        WriteBatch(file, NpyArray.FromUInt8(new byte[2 * Row], 2, Row), NpyArray.FromInt32([3, 4]));

        var error = Assert.Throws<DataFormatException>(() => ImageNet64Folder.ReadVal(folder.Path, classCount: 3));

        Assert.Equal(file, error.Path);
        Assert.Contains("label 4 at index 1 is outside 1..3", error.Message);
    }

    [Fact]
    public void Label_count_differing_from_row_count_is_rejected()
    {
        using var folder = new TempFolder();
        var file = folder.File("val_data.npz");
        WriteBatch(file, NpyArray.FromUInt8(new byte[2 * Row], 2, Row), NpyArray.FromInt64([1, 1, 1]));

        var error = Assert.Throws<DataFormatException>(() => ImageNet64Folder.ReadVal(folder.Path, 3));

        Assert.Equal(file, error.Path);
        Assert.Contains("3 labels for 2 image rows", error.Message);
    }

    [Fact]
    public void Missing_key_is_rejected_naming_the_file()
    {
        using var folder = new TempFolder();
        var file = folder.File("train_data_batch_1.npz");
        NpzArchive.Write(file, new Dictionary<string, NpyArray> { ["data"] = NpyArray.FromUInt8(new byte[Row], 1, Row) });

        var error = Assert.Throws<DataFormatException>(() => ImageNet64Folder.ReadTrain(folder.Path));

        Assert.Equal(file, error.Path);
        Assert.Contains("array 'labels' is missing (found: data)", error.Message);
    }

    [Fact]
    public void Truncated_batch_is_rejected_naming_the_file()
    {
        using var folder = new TempFolder();
        ImageNet64Folder.Write(folder.Path, Images([0, 1], 2, 50), Images([0], 2, 0));
        var file = folder.File("train_data_batch_1.npz");
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length - 100)]);

        var error = Assert.Throws<DataFormatException>(() => ImageNet64Folder.ReadTrain(folder.Path));

        Assert.Equal(file, error.Path);
    }

    [Fact]
    public void Missing_folder_and_folder_without_batches_are_reported()
    {
        using var folder = new TempFolder();
        var absent = folder.File("absent");

        Assert.Equal(absent, Assert.Throws<DataFormatException>(() => ImageNet64Folder.ReadTrain(absent)).Path);
        var empty = Assert.Throws<DataFormatException>(() => ImageNet64Folder.ReadTrain(folder.Path));
        Assert.Equal(folder.Path, empty.Path);
        Assert.Contains("no train_data_batch_<n>.npz", empty.Message);
        Assert.Contains("val_data.npz", Assert.Throws<DataFormatException>(() => ImageNet64Folder.ReadVal(folder.Path, 3)).Path);
    }

    private static LabelledImages Images(int[] labels, int classCount, byte fill)
    {
        var pixels = new byte[labels.Length * Row];
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = (byte)(fill + i * 7 % 251);
        return new LabelledImages(pixels, labels, 64, classCount, "test");
    }

    private static void WriteBatch(string file, NpyArray data, NpyArray labels) =>
        NpzArchive.Write(file, new Dictionary<string, NpyArray> { ["data"] = data, ["labels"] = labels });
}
