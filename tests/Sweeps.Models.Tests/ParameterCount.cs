using static TorchSharp.torch;

namespace Sweeps.Models.Tests;

internal static class ParameterCount
{
    public static long Of(nn.Module model) => model.parameters().Sum(parameter => parameter.numel());
}
