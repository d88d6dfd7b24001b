using System.Diagnostics;
using Sweeps.Storage;
using Sweeps.Training;

namespace Sweeps.Orchestration;

/// <summary>Turns the trainer's step counter into the progress a heartbeat reports: step, total and the
/// training speed since the previous report (images per second).</summary>
public sealed class TrialProgressMeter
{
    private TrialTrainer? _trainer;
    private int _batchSize;
    private long _lastStep = -1;
    private long _lastTicks;

    public void Attach(TrialTrainer trainer, int batchSize)
    {
        _batchSize = batchSize;
        Volatile.Write(ref _trainer, trainer);
    }

    public void Detach() => Volatile.Write(ref _trainer, null);

    public TrialProgress Report(string logPath)
    {
        var trainer = Volatile.Read(ref _trainer);
        if (trainer is null) return new TrialProgress(null, null, null, logPath);
        long step = trainer.Step;
        long now = Stopwatch.GetTimestamp();
        double? speed = _lastStep >= 0 && step > _lastStep
            ? (step - _lastStep) * (double)_batchSize / Stopwatch.GetElapsedTime(_lastTicks, now).TotalSeconds
            : null;
        if (_lastStep < 0 || step != _lastStep)
            (_lastStep, _lastTicks) = (step, now);
        return new TrialProgress(step, trainer.TotalSteps, speed, logPath);
    }
}
