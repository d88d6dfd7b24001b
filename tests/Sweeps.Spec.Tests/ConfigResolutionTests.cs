using System.Text.Json.Nodes;

namespace Sweeps.Spec.Tests;

public class ConfigResolutionTests
{
    [Fact]
    public void Unspecified_values_take_the_TrialConfig_defaults()
    {
        var trial = Assert.Single(SweepFile.Parse("name: defaults\nbase:\n  model:\n    width: 0.5\n", "d.yaml").Trials);

        Assert.Equal(new TrialConfig { Model = new ModelConfig { Width = 0.5 } }.Hash(), trial.Config.Hash());
        Assert.Equal(18, trial.Config.Model.Depth);
        Assert.Equal(90, trial.Config.Train.Epochs);
        Assert.Equal([1.0 / 3, 2.0 / 3, 8.0 / 9], trial.Config.Train.DecayAt);
    }

    [Fact]
    public void Every_base_value_reaches_its_TrialConfig_property()
    {
        var trial = Assert.Single(SweepFile.Parse("""
            name: everything
            base:
              model: { family: resnet, depth: 6, width: 0.75, dropout: 0.1 }
              data: { train: /data/in64, val: /data/in64, crop: central, flip: false }
              train:
                epochs: 30
                batch_size: 64
                learning_rate: 0.2
                momentum: 0.8
                warmup_epochs: 1.5
                decay_at: [0.5, 0.9]
                decay_factor: 0.2
                weight_decay: 0.0005
                label_smoothing: 0.1
                seed: 7
                device: cuda:0
              score: { bapps: /data/bapps/2afc/val, layers: [layer1, layer3] }
            """, "all.yaml").Trials);

        var expected = new TrialConfig
        {
            Model = new ModelConfig { Family = "resnet", Depth = 6, Width = 0.75, Dropout = 0.1 },
            Data = new DataConfig { Train = "/data/in64", Val = "/data/in64", Crop = "central", Flip = false },
            Train = new TrainConfig
            {
                Epochs = 30, BatchSize = 64, LearningRate = 0.2, Momentum = 0.8, WarmupEpochs = 1.5, DecayAt = [0.5, 0.9],
                DecayFactor = 0.2, WeightDecay = 0.0005, LabelSmoothing = 0.1, Seed = 7, Device = "cuda:0",
            },
            Score = new ScoreConfig { Bapps = "/data/bapps/2afc/val", Layers = ["layer1", "layer3"] },
        };
        Assert.Equal(expected.ToJson(), trial.Config.ToJson());
    }

    /// <summary>Fails when TrialConfig gains a property that sweep files cannot set.</summary>
    [Fact]
    public void Every_TrialConfig_json_path_is_a_settable_key()
    {
        var defaults = new TrialConfig();
        var sections = JsonNode.Parse(defaults.ToJson())!.AsObject();
        // JSON is YAML flow syntax, so each default value can be written back verbatim.
        var keys = sections.SelectMany(section => section.Value!.AsObject()
            .Select(leaf => $"  {section.Key}.{leaf.Key}: {leaf.Value!.ToJsonString()}")).ToList();

        var trial = Assert.Single(SweepFile.Parse($"name: defaults\nbase:\n{string.Join('\n', keys)}\n", "d.yaml").Trials);

        Assert.Equal(46, keys.Count);
        Assert.Equal(defaults.Hash(), trial.Config.Hash());
    }

    /// <summary>A ResNet-6 trial's configuration as Sweeps stored it before issue 16 added keys.</summary>
    private const string StoredBeforeIssue16 =
        """{"model":{"family":"resnet","depth":6,"width":1,"dropout":0,"skip":true,"batch_norm_momentum":0.1,"patch_size":8,"hidden_size":768,"heads":12,"mlp_size":3072},"data":{"train":"demo/imagenet64","val":"demo/imagenet64","crop":"random","flip":true,"classes":0,"class_list":[],"class_seed":0},"train":{"epochs":90,"steps":0,"batch_size":128,"optimizer":"sgd","learning_rate":0.1,"momentum":0.9,"beta2":0.999,"schedule":"step","warmup_epochs":5,"decay_at":[0.3333333333333333,0.6666666666666666,0.8888888888888888],"decay_factor":0.1,"weight_decay":0.0001,"label_smoothing":0,"seed":0,"device":""},"checkpoint":{"every_steps":0,"keep":"all","keep_last":3},"score":{"bapps":"demo/bapps/2afc/val","categories":[],"jnd":"","layers":[],"functions":["lpips"]}}""";

    /// <summary>Its hash then (SHA-256 of that text, computed with Python's hashlib).</summary>
    private const string HashBeforeIssue16 = "c8e012d2a5ba031c9e8caca2e041011df7fe0c680f7cf017716c0cf8f3f84f4f";

    [Fact]
    public void Hash_is_sha256_of_the_canonical_json_and_does_not_change_between_runs()
    {
        var trial = Assert.Single(SweepFile.Parse("name: pinned\nbase:\n  model.depth: 6\n", "p.yaml").Trials);

        // Pinned text: a change here re-identifies every stored trial. The hash leaves out the keys at
        // their pre-issue-16 values (input_normalisation imagenet, style_normalisation hw): hashlib of
        // this text without them.
        Assert.Equal(
            """{"model":{"family":"resnet","depth":6,"width":1,"dropout":0,"skip":true,"batch_norm_momentum":0.1,"patch_size":8,"hidden_size":768,"heads":12,"mlp_size":3072,"zero_init_residual":true,"initialisation":"study","pool_padding":"same","extra_depth":"basic_blocks","input_normalisation":"imagenet"},"data":{"train":"demo/imagenet64","val":"demo/imagenet64","crop":"random","flip":true,"classes":0,"class_list":[],"class_seed":0},"train":{"epochs":90,"steps":0,"batch_size":128,"optimizer":"sgd","learning_rate":0.1,"momentum":0.9,"beta2":0.999,"schedule":"step","warmup_epochs":5,"decay_at":[0.3333333333333333,0.6666666666666666,0.8888888888888888],"decay_factor":0.1,"weight_decay":0.0001,"label_smoothing":0,"seed":0,"device":""},"checkpoint":{"every_steps":0,"keep":"all","keep_last":3},"score":{"bapps":"demo/bapps/2afc/val","categories":[],"jnd":"","layers":[],"functions":["lpips"],"style_normalisation":"hw"}}""",
            trial.Config.ToJson());
        Assert.Equal("101550123c707a6a99722613fed9ce9976f11b90214d754e3d2ce4ec6134da5e", trial.Config.Hash());
    }

    [Fact]
    public void A_configuration_stored_before_issue_16_reads_as_the_old_behaviour_and_keeps_its_hash()
    {
        var config = TrialConfig.FromJson(StoredBeforeIssue16);

        Assert.False(config.Model.ZeroInitResidual);
        Assert.Equal(ModelConfig.TorchVisionInitialisation, config.Model.Initialisation);
        Assert.Equal(ModelConfig.SymmetricPoolPadding, config.Model.PoolPadding);
        Assert.Equal(ModelConfig.IdentityBlocksExtraDepth, config.Model.ExtraDepth);
        Assert.Equal(ModelConfig.ImageNetInputNormalisation, config.Model.InputNormalisation);
        Assert.Equal(ScoreConfig.PositionsStyleNormalisation, config.Score.StyleNormalisation);
        Assert.Equal(HashBeforeIssue16, config.Hash());
        Assert.Equal(HashBeforeIssue16, TrialConfig.FromJson(config.ToJson()).Hash());
    }

    [Fact]
    public void A_trial_that_sets_the_old_behaviour_keeps_its_old_hash_and_one_that_changes_gets_a_new_one()
    {
        var sweep = SweepFile.Parse("""
            name: old-and-new
            base:
              model.depth: 6
            parameters:
              model.zero_init_residual:
                values: [false, true]
            conditions:
              - when: {model.zero_init_residual: false}
                base: {model.initialisation: torchvision, model.pool_padding: symmetric, model.extra_depth: identity_blocks}
            """, "old-and-new.yaml");

        Assert.Equal(HashBeforeIssue16, sweep.Trials[0].Config.Hash());
        Assert.NotEqual(HashBeforeIssue16, sweep.Trials[1].Config.Hash());
    }

    [Fact]
    public void ViTs_default_to_inputs_in_minus_one_to_one_and_ResNets_to_ImageNet_statistics()
    {
        var sweep = SweepFile.Parse("""
            name: inputs
            parameters:
              model.preset:
                values: [vit-b/8, resnet50]
            """, "inputs.yaml");

        Assert.Equal(ModelConfig.MinusOneToOneInputNormalisation, sweep.Trials[0].Config.Model.InputNormalisation);
        Assert.Equal(ModelConfig.ImageNetInputNormalisation, sweep.Trials[1].Config.Model.InputNormalisation);
    }

    [Fact]
    public void Different_configs_have_different_hashes()
    {
        var sweep = SweepFile.Parse("""
            name: near
            parameters:
              train.weight_decay:
                values: [0.0001, 0.00011]
            """, "near.yaml");

        Assert.NotEqual(sweep.Trials[0].Config.Hash(), sweep.Trials[1].Config.Hash());
    }

    [Fact]
    public void Load_reads_the_file_and_names_it_in_errors()
    {
        using var folder = new TempFolder();
        var good = folder.File("good.yaml");
        File.WriteAllText(good, "name: from-disk\n");
        var bad = folder.File("bad.yaml");
        File.WriteAllText(bad, "name: from-disk\nrepeats: 0\n");

        Assert.Equal("name: from-disk\n", SweepFile.Load(good).YamlText);
        var error = Assert.Throws<SweepSpecException>(() => SweepFile.Load(bad));
        Assert.Equal("bad.yaml:2:10: repeats: expected an integer >= 1, got 0", error.Message);
    }
}
