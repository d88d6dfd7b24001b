using System.Reflection;
using System.Text.RegularExpressions;
using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Training;

public static partial class TrainingDevice
{
    /// <summary>The configured device; a configuration that leaves it to the worker (empty) and
    /// reaches the trainer unresolved runs on the CPU, which every build has.</summary>
    public static Device For(TrainConfig train) => device(train.Device.Length > 0 ? train.Device : "cpu");

    /// <summary>The libtorch this build ships: "cpu" or "cuda" (<c>dotnet build -p:TorchDevice=cuda</c>).</summary>
    public static string BuiltFor { get; } =
        typeof(TrainingDevice).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "TorchDevice")?.Value ?? "cpu";

    /// <summary>Why <paramref name="name"/> cannot be trained on here, naming the devices this build supports;
    /// null when it can. Only a CUDA device on a CUDA build loads libtorch to look.</summary>
    public static string? Problem(string name)
    {
        var supported = BuiltFor == "cuda" ? "cpu, cuda or cuda:N" : "cpu";
        if (name == "cpu") return null;
        var cuda = CudaDevice().Match(name);
        if (!cuda.Success)
            return $"expected {supported} (this build has libtorch-{BuiltFor})";
        if (BuiltFor != "cuda")
            return "this build supports only cpu (it has libtorch-cpu; build with -p:TorchDevice=cuda for CUDA)";
        if (!TorchSharp.torch.cuda.is_available())
            return "libtorch sees no CUDA device on this machine; this build supports cpu, cuda or cuda:N";
        int count = TorchSharp.torch.cuda.device_count();
        return cuda.Groups[1].Success && int.Parse(cuda.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= count
            ? $"this machine has {count} CUDA device(s): cuda:0 to cuda:{count - 1}"
            : null;
    }

    [GeneratedRegex(@"^cuda(?::([0-9]+))?$")]
    private static partial Regex CudaDevice();
}
