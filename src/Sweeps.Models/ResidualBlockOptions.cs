namespace Sweeps.Models;

/// <summary>The settings every ResNet block shares.</summary>
/// <param name="Skip">False drops the shortcut path from the block's output (the skip-connection ablation).</param>
/// <param name="BatchNormMomentum">Running-statistics momentum of every BatchNorm, PyTorch convention.</param>
internal readonly record struct ResidualBlockOptions(bool Skip, double BatchNormMomentum);
