using Sweeps.Data;
using Sweeps.Spec;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Sweeps.Training;

/// <summary>
/// The study's training augmentation as one affine resampling per batch: an Inception-style random
/// crop (area 0.08-1, aspect 3/4-4/3) or a fixed centre crop, resized back to the input size, then
/// random horizontal flips. Crops and flips come from a managed generator seeded per step, so they
/// are identical on every device.
/// </summary>
public sealed class BatchAugmentation
{
    public const double CentralCropFraction = 0.875;
    private const double MinArea = 0.08;
    private const int CropAttempts = 10;
    private static readonly double MinLogAspect = Math.Log(3.0 / 4);
    private static readonly double MaxLogAspect = Math.Log(4.0 / 3);

    private readonly bool centralCrop;
    private readonly bool flip;

    public BatchAugmentation(DataConfig data)
    {
        centralCrop = data.Crop switch
        {
            "random" => false,
            "central" => true,
            _ => throw new ArgumentException($"Crop mode '{data.Crop}' is not supported; use 'random' or 'central'.", nameof(data)),
        };
        flip = data.Flip;
    }

    /// <param name="images">N x C x H x W floats; not modified.</param>
    /// <param name="seed">Determines every crop and flip of the batch.</param>
    public Tensor Apply(Tensor images, ulong seed)
    {
        var count = (int)images.shape[0];
        var random = new SplitMix64(seed);
        var crops = new CropWindow[count];
        var mirrors = new bool[count];
        for (var i = 0; i < count; i++)
        {
            crops[i] = centralCrop ? CropWindow.Centre(CentralCropFraction) : RandomCrop(random);
            mirrors[i] = flip && random.NextDouble() < 0.5;
        }
        return Resample(images, crops, mirrors);
    }

    /// <summary>
    /// Bilinear resampling of each image's crop to the full size, then a horizontal mirror where asked
    /// (an exact flip of just those images rather than one folded into the grid, whose coordinates
    /// carry rounding). Crops only scale and shift, so the sampling grid is built from one row of x
    /// and one column of y per image instead of a general affine grid.
    /// </summary>
    internal static Tensor Resample(Tensor images, ReadOnlySpan<CropWindow> crops, ReadOnlySpan<bool> mirrors)
    {
        long count = crops.Length, height = images.shape[2], width = images.shape[3];
        var windows = new float[count * 4];
        for (var i = 0; i < count; i++)
        {
            // Maps output coordinates in [-1, 1] to input coordinates: x_in = halfWidth * x_out + centreX.
            windows[i * 4 + 0] = (float)crops[i].HalfWidth;
            windows[i * 4 + 1] = (float)crops[i].CentreX;
            windows[i * 4 + 2] = (float)crops[i].HalfHeight;
            windows[i * 4 + 3] = (float)crops[i].CentreY;
        }
        using var scope = NewDisposeScope();
        var window = tensor(windows, [count, 4]).to(images.device);
        var x = PixelCentres(width, images.device).unsqueeze(0) * window[.., 0..1] + window[.., 1..2];
        var y = PixelCentres(height, images.device).unsqueeze(0) * window[.., 2..3] + window[.., 3..4];
        var grid = stack([x.unsqueeze(1).expand(count, height, width), y.unsqueeze(2).expand(count, height, width)], 3);
        var cropped = grid_sample(images, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false);
        var mirrored = new List<long>();
        for (var i = 0; i < count; i++)
            if (mirrors[i]) mirrored.Add(i);
        if (mirrored.Count > 0)
        {
            var indices = tensor(mirrored.ToArray()).to(images.device);
            cropped.index_copy_(0, indices, cropped.index_select(0, indices).flip(3));
        }
        return cropped.MoveToOuterDisposeScope();
    }

    /// <summary>Pixel centres of a side of <paramref name="size"/> in [-1, 1] coordinates (align_corners false): (2i + 1) / size - 1.</summary>
    private static Tensor PixelCentres(long size, Device device) =>
        arange(size, ScalarType.Float32, device).mul_(2).add_(1).div_(size).sub_(1);

    private static CropWindow RandomCrop(SplitMix64 random)
    {
        for (var attempt = 0; attempt < CropAttempts; attempt++)
        {
            var area = random.NextDouble(MinArea, 1);
            var aspect = Math.Exp(random.NextDouble(MinLogAspect, MaxLogAspect));
            var width = Math.Sqrt(area * aspect);
            var height = Math.Sqrt(area / aspect);
            if (width <= 1 && height <= 1)
                return new CropWindow(random.NextDouble(0, 1 - width), random.NextDouble(0, 1 - height), width, height);
        }
        return CropWindow.Centre(1);
    }
}
