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
    /// (applied as an exact flip rather than folded into the grid, whose coordinates carry rounding).
    /// </summary>
    internal static Tensor Resample(Tensor images, ReadOnlySpan<CropWindow> crops, ReadOnlySpan<bool> mirrors)
    {
        var thetas = new float[crops.Length * 6];
        for (var i = 0; i < crops.Length; i++)
        {
            // Maps output coordinates in [-1, 1] to input coordinates: x_in = halfWidth * x_out + centreX.
            thetas[i * 6 + 0] = (float)crops[i].HalfWidth;
            thetas[i * 6 + 2] = (float)crops[i].CentreX;
            thetas[i * 6 + 4] = (float)crops[i].HalfHeight;
            thetas[i * 6 + 5] = (float)crops[i].CentreY;
        }
        using var scope = NewDisposeScope();
        var theta = tensor(thetas, [crops.Length, 2, 3]).to(images.device);
        var grid = affine_grid(theta, images.shape, align_corners: false);
        var cropped = grid_sample(images, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false);
        var mirrored = tensor(mirrors.ToArray()).to(images.device).reshape(-1, 1, 1, 1);
        return where(mirrored, cropped.flip(3), cropped).MoveToOuterDisposeScope();
    }

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
