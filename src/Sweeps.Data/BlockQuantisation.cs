namespace Sweeps.Data;

/// <summary>A JPEG-like distortion: orthonormal 8x8 DCT per channel, coefficients rounded to multiples of a quantum that grows with frequency, inverse DCT.</summary>
internal static class BlockQuantisation
{
    private const int Block = 8;
    private static readonly float[,] CosineBasis = DctBasis();

    /// <summary>Quantises every channel's full 8x8 blocks in place; the quantum of frequency (u, v) is step (1 + (u + v) / 2).</summary>
    public static void Apply(FloatImage image, float step)
    {
        var coefficients = new float[Block, Block];
        var samples = new float[Block, Block];
        for (var channel = 0; channel < 3; channel++)
        {
            var plane = channel * image.PlaneLength;
            for (var blockY = 0; blockY + Block <= image.Size; blockY += Block)
            {
                for (var blockX = 0; blockX + Block <= image.Size; blockX += Block)
                {
                    for (var y = 0; y < Block; y++)
                        for (var x = 0; x < Block; x++)
                            samples[y, x] = image.Values[plane + (blockY + y) * image.Size + blockX + x] - 128f;
                    Transform(samples, coefficients, inverse: false);
                    for (var v = 0; v < Block; v++)
                    {
                        for (var u = 0; u < Block; u++)
                        {
                            var quantum = step * (1 + (u + v) / 2f);
                            coefficients[v, u] = MathF.Round(coefficients[v, u] / quantum) * quantum;
                        }
                    }
                    Transform(coefficients, samples, inverse: true);
                    for (var y = 0; y < Block; y++)
                        for (var x = 0; x < Block; x++)
                            image.Values[plane + (blockY + y) * image.Size + blockX + x] = samples[y, x] + 128f;
                }
            }
        }
    }

    /// <summary>Orthonormal 2-d DCT-II of an 8x8 block, or its inverse, as a 1-d transform of the rows then of the columns.</summary>
    private static void Transform(float[,] source, float[,] destination, bool inverse)
    {
        var rows = new float[Block, Block];
        for (var row = 0; row < Block; row++)
        {
            for (var output = 0; output < Block; output++)
            {
                var sum = 0f;
                for (var input = 0; input < Block; input++)
                    sum += (inverse ? CosineBasis[input, output] : CosineBasis[output, input]) * source[row, input];
                rows[row, output] = sum;
            }
        }
        for (var column = 0; column < Block; column++)
        {
            for (var output = 0; output < Block; output++)
            {
                var sum = 0f;
                for (var input = 0; input < Block; input++)
                    sum += (inverse ? CosineBasis[input, output] : CosineBasis[output, input]) * rows[input, column];
                destination[output, column] = sum;
            }
        }
    }

    /// <summary>basis[frequency, position] of the orthonormal DCT-II.</summary>
    private static float[,] DctBasis()
    {
        var basis = new float[Block, Block];
        for (var frequency = 0; frequency < Block; frequency++)
        {
            var scale = frequency == 0 ? Math.Sqrt(1.0 / Block) : Math.Sqrt(2.0 / Block);
            for (var position = 0; position < Block; position++)
                basis[frequency, position] = (float)(scale * Math.Cos((2 * position + 1) * frequency * Math.PI / (2 * Block)));
        }
        return basis;
    }
}
