namespace Sweeps.Spec.Tests;

public class ZipAndConditionTests
{
    [Fact]
    public void A_zip_group_is_one_axis_of_the_product_in_file_order()
    {
        var sweep = SweepFile.Parse("""
            name: zipped
            parameters:
              data.crop:
                values: [random, central]
            zip:
              model.depth: [6, 18, 50]
              model.width: [0.25, 0.5, 1]
            """, "zip.yaml");

        Assert.Equal(
            [
                "data.crop=random model.depth=6 model.width=0.25", "data.crop=random model.depth=18 model.width=0.5",
                "data.crop=random model.depth=50 model.width=1", "data.crop=central model.depth=6 model.width=0.25",
                "data.crop=central model.depth=18 model.width=0.5", "data.crop=central model.depth=50 model.width=1",
            ],
            sweep.Trials.Select(t => t.Label));
        Assert.Equal([6, 18, 50, 6, 18, 50], sweep.Trials.Select(t => t.Config.Model.Depth));
        Assert.Equal([0.25, 0.5, 1, 0.25, 0.5, 1], sweep.Trials.Select(t => t.Config.Model.Width));
    }

    [Fact]
    public void A_zip_written_first_varies_slowest_and_groups_may_be_listed_and_nested()
    {
        var sweep = SweepFile.Parse("""
            name: zipped
            zip:
              - train: { epochs: [1, 90], warmup_epochs: [0.1, 5] }
              - model.depth: [6, 18]
                model.width: [0.25, 1]
            parameters:
              train.seed:
                values: [0, 1]
            """, "zip.yaml");

        Assert.Equal(8, sweep.Trials.Count);
        Assert.Equal("train.epochs=1 train.warmup_epochs=0.1 model.depth=6 model.width=0.25 train.seed=1", sweep.Trials[1].Label);
        Assert.Equal("train.epochs=90 train.warmup_epochs=5 model.depth=18 model.width=1 train.seed=0", sweep.Trials[6].Label);
    }

    private const string FamilyGridWithVitCondition = """
        name: families
        base:
          train.weight_decay: 0.0005
        parameters:
          model.family:
            values: [resnet, vit]
          model.width:
            values: [0.25, 0.5]
        conditions:
          - when: { model.family: vit }
            base:
              model.depth: 2
            parameters:
              model.patch_size:
                values: [4, 8]
        """;

    [Fact]
    public void A_condition_applies_its_base_and_parameters_only_where_it_holds()
    {
        var sweep = SweepFile.Parse(FamilyGridWithVitCondition, "conditions.yaml");

        Assert.Equal(
            [
                "model.family=resnet model.width=0.25", "model.family=resnet model.width=0.5",
                "model.family=vit model.width=0.25 model.patch_size=4", "model.family=vit model.width=0.25 model.patch_size=8",
                "model.family=vit model.width=0.5 model.patch_size=4", "model.family=vit model.width=0.5 model.patch_size=8",
            ],
            sweep.Trials.Select(t => t.Label));
        Assert.Equal([18, 18, 2, 2, 2, 2], sweep.Trials.Select(t => t.Config.Model.Depth));
        Assert.Equal([8, 8, 4, 8, 4, 8], sweep.Trials.Select(t => t.Config.Model.PatchSize));
        // The base's explicit weight decay wins over the ViT family default of 0.3.
        Assert.All(sweep.Trials, t => Assert.Equal(0.0005, t.Config.Train.WeightDecay));
    }

    [Fact]
    public void A_condition_tests_the_resolved_configuration_so_presets_and_defaults_count()
    {
        var sweep = SweepFile.Parse("""
            name: by-preset
            parameters:
              model.preset:
                values: [resnet6, vit-b/8, vit-l/4]
            conditions:
              - when: { train.optimizer: adamw }
                base:
                  train.learning_rate: 0.0005
              - when: { model.preset: vit-l/4 }
                base:
                  train.batch_size: 512
            """, "presets.yaml");

        Assert.Equal([0.1, 0.0005, 0.0005], sweep.Trials.Select(t => t.Config.Train.LearningRate));
        Assert.Equal([128, 128, 512], sweep.Trials.Select(t => t.Config.Train.BatchSize));
    }

    [Fact]
    public void Under_random_a_conditions_parameters_are_drawn_once_per_trial()
    {
        var sweep = SweepFile.Parse("""
            name: random-conditions
            method: random
            run_cap: 20
            seed: 5
            parameters:
              model.preset:
                values: [resnet18, vit-b/8]
              model.width:
                distribution: uniform
                min: 0.25
                max: 1
            conditions:
              - when: { model.family: vit }
                parameters:
                  model.patch_size:
                    values: [4, 8]
            """, "random.yaml");

        Assert.Equal(20, sweep.Trials.Count);
        var vits = sweep.Trials.Where(t => t.Config.Model.Family == "vit").ToList();
        Assert.NotEmpty(vits);
        Assert.All(vits, t => Assert.Contains("model.patch_size=", t.Label));
        Assert.All(sweep.Trials.Except(vits), t => Assert.DoesNotContain("patch_size", t.Label));
        Assert.Equal([4, 8], vits.Select(t => t.Config.Model.PatchSize).Distinct().Order());
    }
}
