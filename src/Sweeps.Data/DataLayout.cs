namespace Sweeps.Data;

/// <summary>The on-disk layouts <see cref="ImageDataset"/> recognises, in the order it tries them.</summary>
public enum DataLayout
{
    /// <summary>A folder written by <see cref="PackedData.Prepare"/> (manifest.json).</summary>
    Prepared,
    /// <summary><c>train_data_batch_&lt;n&gt;[.npz]</c> and/or <c>val_data[.npz]</c> (npz or the older pickles).</summary>
    DownsampledImageNet,
    /// <summary>BAPPS 2AFC split: category folders with ref, p0, p1, judge.</summary>
    BappsTwoAfc,
    /// <summary>BAPPS JND split: category folders with p0, p1, same.</summary>
    BappsJnd,
    /// <summary>An <c>images</c> folder and a <c>file&lt;TAB&gt;class</c> list (Tiny ImageNet val).</summary>
    AnnotatedImages,
    /// <summary>One subfolder of JPEG/PNG images per class.</summary>
    ClassFolders,
}
