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

    [Fact]
    public void A_length_in_steps_overrides_epochs_and_moves_the_decays_with_it()
    {
        // 500 steps instead of 10 x 100: decays at steps 250 and 400, warmup still 2 epochs = 200 steps.
        var schedule = new LearningRateSchedule(Train with { Steps = 500 }, stepsPerEpoch: 100);

        Assert.Equal(500, schedule.TotalSteps);
        Assert.Equal(0.1, schedule.At(100), precision: 12);
        Assert.Equal(0.2, schedule.At(249), precision: 12);
        Assert.Equal(0.02, schedule.At(250), precision: 12);
        Assert.Equal(0.002, schedule.At(400), precision: 12);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(100, 0.1)]
    [InlineData(200, 0.2)]
    [InlineData(600, 0.1)]
    [InlineData(800, 0.2 * 0.14644660940672627)]
    [InlineData(1000, 0.0)]
    public void Cosine_falls_from_the_peak_after_warmup_to_zero_at_the_end(long step, double expected)
    {
        // Warmup 200 steps, then half a cosine over the remaining 800: at 600 it is halfway (peak/2),
        // at 800 three quarters of the way: peak x (1 + cos(3 pi / 4)) / 2 = peak x 0.1464...
        var schedule = new LearningRateSchedule(Train with { Schedule = "cosine" }, stepsPerEpoch: 100);

        Assert.Equal(expected, schedule.At(step), precision: 12);
    }

    [Fact]
    public void Unknown_schedule_is_rejected_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new LearningRateSchedule(Train with { Schedule = "linear" }, stepsPerEpoch: 100));

        Assert.Contains("'linear'", error.Message);
    }
}
