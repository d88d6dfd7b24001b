using System.Collections;
using Sweeps.Faults;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Sweeps.Interop;

/// <summary>
/// state_dict files in PyTorch's format (<c>torch.save(model.state_dict(), path)</c>), through
/// TorchSharp.PyBridge. What PyBridge 1.4.4 can do: it writes and reads the zip format of
/// <c>torch.save</c> (PyTorch 1.6 and later), one storage per tensor; it cannot read the legacy
/// non-zip format (<c>_use_new_zipfile_serialization=False</c>), tensors over 2 GB, whole pickled
/// modules, or tensors that are views into a larger shared storage.
/// </summary>
public static class PyTorchStateDict
{
    /// <summary>Writes <paramref name="model"/>'s state_dict atomically (<c>path.tmp</c>, flushed, renamed).</summary>
    public static void Save(nn.Module model, string path)
    {
        var temporaryPath = path + ".tmp";
        try
        {
            using (var file = new FileStream(temporaryPath, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                model.save_py(file, leaveOpen: true);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporaryPath, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporaryPath))
                File.Delete(temporaryPath);
            throw new PyTorchFileException(FaultKind.Environment, path, $"cannot be written: {exception.Message}", exception);
        }
    }

    /// <summary>The tensors of a saved state_dict by key, on the CPU; the caller disposes them.</summary>
    /// <exception cref="PyTorchFileException">The file is missing, not a state_dict, or in a format PyBridge cannot read.</exception>
    public static Dictionary<string, Tensor> Load(string path)
    {
        Hashtable entries;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            entries = PyTorchUnpickler.UnpickleStateDict(file, leaveOpen: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new PyTorchFileException(FaultKind.Data, path, $"cannot be read: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // PyBridge reports the legacy format, whole modules and unknown storages as NotImplementedException.
            throw new PyTorchFileException(FaultKind.Data, path,
                $"is not a state_dict saved by torch.save in its zip format ({exception.Message}); save model.state_dict() with torch.save.", exception);
        }
        var tensors = new Dictionary<string, Tensor>();
        foreach (DictionaryEntry entry in entries)
        {
            if (entry.Value is Tensor tensor)
            {
                tensors.Add((string)entry.Key, tensor);
                continue;
            }
            foreach (var loaded in tensors.Values)
                loaded.Dispose();
            throw new PyTorchFileException(FaultKind.Data, path,
                $"entry '{entry.Key}' is a {entry.Value?.GetType().Name ?? "None"}, not a tensor: save model.state_dict() itself, not a dictionary that contains it.");
        }
        return tensors;
    }
}
