using Sweeps.Spec;

namespace Sweeps.Training.Tests;

public class LearningRateScheduleTests
{
    // Peak 0.1 x 512/256 = 0.2; 10 epochs x 100 steps; warmup 200 steps; decays at steps 500 and 800.
    private static readonly TrainConfig Train = new()
    {
        Epochs = 10, BatchSize = 512, LearningRate = 0.1, WarmupEpochs = 2, DecayAt = [0.5, 0.8], DecayFactor = 0.1,
    };

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(50, 0.05)]
    [InlineData(199, 0.199)]
    [InlineData(200, 0.2)]
    [InlineData(499, 0.2)]
    [InlineData(500, 0.02)]
    [InlineData(799, 0.02)]
    [InlineData(800, 0.002)]
    [InlineData(999, 0.002)]
    public void Warms_up_linearly_then_decays_at_each_fraction(long step, double expected)
    {
        var schedule = new LearningRateSchedule(Train, stepsPerEpoch: 100);

        Assert.Equal(expected, schedule.At(step), precision: 12);
    }

    [Fact]
    public void Without_warmup_the_first_step_uses_the_peak_rate()
    {
        var schedule = new LearningRateSchedule(Train with { WarmupEpochs = 0 }, stepsPerEpoch: 100);

        Assert.Equal(0.2, schedule.At(0), precision: 12);
    }

    [Fact]
    public void Fractional_warmup_epochs_count_in_steps()
    {
        var schedule = new LearningRateSchedule(Train with { WarmupEpochs = 0.5 }, stepsPerEpoch: 100);

        Assert.Equal(0.1, schedule.At(25), precision: 12);
        Assert.Equal(0.2, schedule.At(50), precision: 12);
    }

    [Fact]
    public void Default_decays_fall_exactly_on_epochs_30_60_and_80_of_90()
    {
        var schedule = new LearningRateSchedule(new TrainConfig { BatchSize = 256, Epochs = 90, WarmupEpochs = 5 }, stepsPerEpoch: 10);

        Assert.Equal(0.1, schedule.At(299), precision: 12);
        Assert.Equal(0.01, schedule.At(300), precision: 12);
        Assert.Equal(0.01, schedule.At(599), precision: 12);
        Assert.Equal(0.001, schedule.At(600), precision: 12);
        Assert.Equal(0.001, schedule.At(799), precision: 12);
        Assert.Equal(0.0001, schedule.At(800), precision: 12);
    }
}
