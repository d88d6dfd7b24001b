namespace Sweeps.Models;

/// <summary>Which intermediate outputs a model exposes as extraction points.</summary>
public enum FeatureSet
{
    /// <summary>ResNet: the stage outputs stage1..stage4. ViT: the class token after every block.</summary>
    Stages,
    /// <summary>ResNet: every block output, stage1.block0, stage1.block1, ... ViT: as <see cref="Stages"/>.</summary>
    Blocks,
}
