using System.Globalization;

namespace Sweeps.Spec.Tests;

public class RandomMethodTests
{
    private static SweepDefinition Random(string parameters, int runCap, int seed) => SweepFile.Parse($"""
        name: random
        method: random
        run_cap: {runCap}
        seed: {seed}
        parameters:
        {parameters}
        """, "random.yaml");

    /// <summary>SplitMix64's output, as its reference implementation gives it, scaled to [0, 1) by its top 53 bits.</summary>
    private static double Unit(ulong draw) => (draw >> 11) * Math.Pow(2, -53);

    [Fact]
    public void Log_uniform_values_are_exp_of_uniform_log_draws_from_splitmix64()
    {
        var sweep = Random("""
              train.weight_decay:
                distribution: log_uniform_values
                min: 0.0001
                max: 0.1
            """, runCap: 3, seed: 7);

        // The first three SplitMix64 outputs from seed 7 (computed with the reference algorithm in Python).
        ulong[] draws = [0x63cbe1e459320dd7, 0x044c3cd7f43c661c, 0xe6984080bab12a02];
        var expected = draws.Select(d => Math.Exp(Math.Log(1e-4) + Unit(d) * (Math.Log(0.1) - Math.Log(1e-4)))).ToArray();
        Assert.Equal(0.0014773698956926, expected[0], 1e-15);
        Assert.Equal(expected, sweep.Trials.Select(t => t.Config.Train.WeightDecay));
        Assert.Equal($"train.weight_decay={expected[1].ToString(CultureInfo.InvariantCulture)}", sweep.Trials[1].Label);
        Assert.Equal(SweepMethod.Random, sweep.Method);
        Assert.Equal((3, 7), (sweep.RunCap, sweep.Seed));
    }

    [Fact]
    public void Draws_stay_in_range_and_q_uniform_rounds_to_multiples_of_q()
    {
        var sweep = Random("""
              model.width:
                distribution: uniform
                min: 0.25
                max: 0.75
              train.epochs:
                distribution: int_uniform
                min: 2
                max: 5
              train.label_smoothing:
                distribution: q_uniform
                min: 0
                max: 0.5
                q: 0.1
              train.warmup_epochs:
                distribution: q_uniform
                min: 0
                max: 4
            """, runCap: 60, seed: 1);

        Assert.Equal(60, sweep.Trials.Count);
        Assert.All(sweep.Trials, t => Assert.InRange(t.Config.Model.Width, 0.25, 0.75));
        Assert.Equal([2, 3, 4, 5], sweep.Trials.Select(t => t.Config.Train.Epochs).Distinct().Order());
        Assert.Equal([0, 0.1, 0.2, 0.3, 0.4, 0.5], sweep.Trials.Select(t => t.Config.Train.LabelSmoothing).Distinct().Order());
        // q defaults to 1, as in W&B.
        Assert.Equal([0, 1, 2, 3, 4], sweep.Trials.Select(t => t.Config.Train.WarmupEpochs).Distinct().Order());
    }

    [Fact]
    public void Values_alone_are_categorical_and_min_max_integers_mean_int_uniform()
    {
        var sweep = Random("""
              data.crop:
                values: [random, central]
              model.depth:
                min: 2
                max: 4
              train.device:
                value: cpu
            """, runCap: 6, seed: 3);

        Assert.Equal(["central", "random"], sweep.Trials.Select(t => t.Config.Data.Crop).Distinct().Order());
        Assert.Equal([2, 3, 4], sweep.Trials.Select(t => t.Config.Model.Depth).Distinct().Order());
        Assert.All(sweep.Trials, t => Assert.Equal("cpu", t.Config.Train.Device));
        Assert.All(sweep.Trials, t => Assert.DoesNotContain("train.device", t.Label));
        // The space has exactly 6 points and repeated draws are drawn again, so all 6 appear.
        Assert.Equal(6, sweep.Trials.Select(t => t.Label).Distinct().Count());
    }

    [Fact]
    public void Same_seed_gives_the_same_trials_and_another_seed_other_ones()
    {
        const string parameters = """
              train.learning_rate:
                distribution: log_uniform_values
                min: 0.001
                max: 1
              model.dropout:
                distribution: uniform
                min: 0
                max: 0.5
            """;

        var first = Random(parameters, runCap: 5, seed: 11);
        var again = Random(parameters, runCap: 5, seed: 11);
        var other = Random(parameters, runCap: 5, seed: 12);

        Assert.Equal(first.Trials.Select(t => t.Config.Hash()), again.Trials.Select(t => t.Config.Hash()));
        Assert.Empty(first.Trials.Select(t => t.Config.Hash()).Intersect(other.Trials.Select(t => t.Config.Hash())));
    }

    [Fact]
    public void Without_a_seed_sampling_starts_from_seed_zero()
    {
        var sweep = SweepFile.Parse("""
            name: unseeded
            method: random
            run_cap: 1
            parameters:
              model.dropout:
                distribution: uniform
                min: 0
                max: 0.5
            """, "random.yaml");

        Assert.Equal(0, sweep.Seed);
        // 0xe220a8397b1dcdaf: SplitMix64's first output from seed 0 in its reference implementation.
        Assert.Equal(0.5 * Unit(0xe220a8397b1dcdaf), Assert.Single(sweep.Trials).Config.Model.Dropout);
    }
}
