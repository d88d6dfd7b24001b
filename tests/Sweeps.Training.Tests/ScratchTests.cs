using Sweeps.Models;
using Sweeps.Spec;
using static TorchSharp.torch;
namespace Sweeps.Training.Tests;
public class ScratchTests
{
    [Fact]
    public void Scratch()
    {
        using var model = ResNet.Create(18, 0.125, 0, 4);
        Console.WriteLine("all: " + string.Join(",", model.buffers(include_nonpersistent: true).Count()) + " persistent: " + model.buffers(include_nonpersistent: false).Count());
        Console.WriteLine("named: " + string.Join(",", model.named_buffers().Select(b => b.name).Take(8)));
        var sd = model.state_dict();
        Console.WriteLine("nbt dtype " + sd["bn1.num_batches_tracked"].dtype);
        var dir = Path.Combine(Path.GetTempPath(), "scratch-ckpt"); Directory.CreateDirectory(dir);
        var cfg = new TrialConfig { Model = new ModelConfig { Depth = 18, Width = 0.125 } };
        using var opt = NesterovSgd.Create(model, cfg.Train, 0.1);
        CheckpointFile.Write(Path.Combine(dir, "a.ckpt"), new CheckpointState(1, 1, cfg.Hash(), 0, 1), model, opt);
        using var other = ResNet.Create(18, 0.125, 0, 4);
        CheckpointFile.Read(Path.Combine(dir, "a.ckpt"), cfg.Hash(), other, null);
        Console.WriteLine("loaded nbt dtype " + other.state_dict()["bn1.num_batches_tracked"].dtype + " " + other.state_dict()["bn1.num_batches_tracked"].ToString(TorchSharp.TensorStringStyle.Julia));
        other.train();
        try { other.call(rand(2,3,64,64)); Console.WriteLine("forward after load ok"); } catch (Exception e) { Console.WriteLine("forward after load failed " + e.Message[..80]); }
        using var fresh = ResNet.Create(18, 0.125, 0, 4);
        fresh.train(); fresh.call(rand(2,3,64,64)); Console.WriteLine("fresh nbt " + fresh.state_dict()["bn1.num_batches_tracked"].item<long>());
        using (var f = File.OpenRead(Path.Combine(dir, "a.ckpt"))) { }
        fresh.to(ScalarType.Float64);
        Console.WriteLine("after to(f64): mean buffer " + fresh.get_buffer("input_mean")!.dtype + " bn running " + fresh.state_dict()["bn1.running_mean"].dtype + " nbt " + fresh.state_dict()["bn1.num_batches_tracked"].dtype);
        var x = linspace(-1, 1, 64, dtype: ScalarType.Float32);
        var grid = nn.functional.affine_grid(tensor(new float[] {1,0,0,0,1,0}).reshape(1,2,3), [1,1,64,64], align_corners: false);
        var gx = grid[0, 0, TensorIndex.Colon, 0];
        var ix = ((gx + 1) * 64 - 1) / 2;
        Console.WriteLine("max index error " + (ix - arange(64, dtype: ScalarType.Float32)).abs().max().item<float>());
        var flipped = nn.functional.affine_grid(tensor(new float[] {-1,0,0,0,1,0}).reshape(1,2,3), [1,1,64,64], align_corners: false)[0,0,TensorIndex.Colon,0];
        Console.WriteLine("max flip error " + (flipped - gx.flip(0)).abs().max().item<float>());
    }
}
