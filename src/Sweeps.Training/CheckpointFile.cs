using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sweeps.Models;
using Sweeps.Spec;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweeps.Training;

/// <summary>
/// One checkpoint per file: magic, format version, JSON <see cref="CheckpointState"/> (which records the
/// trial's configuration and class count, so the file alone rebuilds its model), payload length
/// and payload SHA-256, then the payload (model via <c>Module.save</c>, optimiser via
/// <c>save_state_dict</c>). The payload hash is checked before anything is loaded, so a damaged file
/// never leaves a model half-overwritten.
/// </summary>
public static partial class CheckpointFile
{
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = "SWEEPSCK"u8.ToArray();
    private const int MaxStateBytes = 1 << 16;
    private static readonly JsonSerializerOptions StateJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>File name of the checkpoint taken after <paramref name="step"/> updates by attempt
    /// <paramref name="attempt"/> of a trial, e.g. <c>step-000001234-a0003.ckpt</c> (zero-padded so names
    /// sort by step). Each attempt writes its own files, so a worker that lost its claim can never replace
    /// the file of the worker that took the trial over. Attempt 0 (outside a sweep) gives <c>step-000001234.ckpt</c>.</summary>
    public static string NameFor(long step, int attempt = 0) =>
        attempt > 0 ? $"step-{step:D9}-a{attempt:D4}.ckpt" : $"step-{step:D9}.ckpt";

    /// <summary>The checkpoints in a folder by name, newest step first, then newest attempt (temporary files excluded).</summary>
    public static IEnumerable<(long Step, string Path)> ListNewestFirst(string directory) =>
        Directory.EnumerateFiles(directory)
            .Select(path => (Match: CheckpointName().Match(System.IO.Path.GetFileName(path)), Path: path))
            .Where(candidate => candidate.Match.Success)
            .Select(candidate => (
                Step: long.Parse(candidate.Match.Groups[1].Value, CultureInfo.InvariantCulture),
                Attempt: candidate.Match.Groups[2].Success ? int.Parse(candidate.Match.Groups[2].Value, CultureInfo.InvariantCulture) : 0,
                candidate.Path))
            .OrderByDescending(checkpoint => checkpoint.Step).ThenByDescending(checkpoint => checkpoint.Attempt)
            .Select(checkpoint => (checkpoint.Step, checkpoint.Path));

    /// <summary>
    /// Writes atomically: to <c>path.tmp</c>, flushed to disk, then renamed over <paramref name="path"/>.
    /// Returns the lower-case hex SHA-256 of the file.
    /// </summary>
    /// <exception cref="CheckpointWriteException">The disk is full or failed; the temporary file is
    /// removed and every earlier checkpoint is untouched.</exception>
    public static string Write(string path, CheckpointState state, nn.Module model, OptimizerHelper optimizer)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            model.save(writer);
            optimizer.save_state_dict(writer);
        }
        var payloadBytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        var header = Header(state, payloadBytes);

        var temporaryPath = path + ".tmp";
        try
        {
            using (var file = new FileStream(temporaryPath, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(header);
                file.Write(payloadBytes);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporaryPath, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(temporaryPath);
            throw new CheckpointWriteException(path, header.Length + payloadBytes.Length, exception);
        }

        using var fileHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        fileHash.AppendData(header);
        fileHash.AppendData(payloadBytes);
        return Convert.ToHexStringLower(fileHash.GetHashAndReset());
    }

    /// <summary>
    /// Verifies the file and that it belongs to the trial with <paramref name="expectedConfigHash"/>,
    /// then loads the weights into <paramref name="model"/> and, when given, the optimiser state.
    /// </summary>
    /// <exception cref="InvalidCheckpointException">The file is unreadable, damaged or of another trial.</exception>
    public static CheckpointState Read(string path, string expectedConfigHash, nn.Module model, OptimizerHelper? optimizer)
    {
        using var file = OpenRead(path);
        var state = ReadVerifiedHeader(file, path);
        if (state.ConfigHash != expectedConfigHash)
            throw new InvalidCheckpointException(path, $"belongs to configuration {state.ConfigHash}, not {expectedConfigHash}.");
        LoadPayload(file, path, model, optimizer);
        return state;
    }

    /// <summary>The checkpoint's header, after the whole file has been verified; loads no weights.</summary>
    /// <exception cref="InvalidCheckpointException">The file is unreadable or damaged.</exception>
    public static CheckpointState ReadState(string path)
    {
        using var file = OpenRead(path);
        return ReadVerifiedHeader(file, path);
    }

    /// <summary>The resolved trial configuration a checkpoint records, checked against its configuration hash.</summary>
    /// <exception cref="InvalidCheckpointException">The file is damaged or does not record its configuration.</exception>
    public static TrialConfig RecordedConfig(string path) => RecordedConfig(ReadState(path), path);

    /// <summary>The model saved in a checkpoint, on the configuration's device, in evaluation mode (for scoring).</summary>
    /// <exception cref="InvalidCheckpointException">The file is unreadable, damaged or of another configuration.</exception>
    public static FeatureClassifier LoadModel(string path, TrialConfig config, int classCount)
    {
        var model = ModelFactory.Create(config, classCount);
        try
        {
            Read(path, config.Hash(), model, optimizer: null);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return ReadyForScoring(model, TrainingDevice.For(config.Train));
    }

    /// <summary>
    /// The model saved in a checkpoint, rebuilt from the configuration and class count the file records,
    /// on <paramref name="device"/> (default: the recorded configuration's), in evaluation mode.
    /// </summary>
    /// <exception cref="InvalidCheckpointException">The file is unreadable, damaged, or older than
    /// self-describing checkpoints (use the overload that takes the trial's configuration).</exception>
    public static FeatureClassifier LoadModel(string path, Device? device = null)
    {
        using var file = OpenRead(path);
        var state = ReadVerifiedHeader(file, path);
        var config = RecordedConfig(state, path);
        var model = ModelFactory.Create(config, state.ClassCount);
        try
        {
            LoadPayload(file, path, model, optimizer: null);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return ReadyForScoring(model, device ?? TrainingDevice.For(config.Train));
    }

    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string Sha256(string path)
    {
        using var file = OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // What could not be deleted is a .tmp file, which no reader ever takes for a checkpoint.
        }
    }

    private static FeatureClassifier ReadyForScoring(FeatureClassifier model, Device device)
    {
        model.to(device);
        model.eval();
        return model;
    }

    /// <summary>The resolved trial configuration <paramref name="state"/> (read from <paramref name="path"/>) records, checked against its configuration hash.</summary>
    /// <exception cref="InvalidCheckpointException">It does not record its configuration, or that does not match its hash.</exception>
    public static TrialConfig RecordedConfig(CheckpointState state, string path)
    {
        if (state.Config is null || state.ClassCount < 1)
            throw new InvalidCheckpointException(path,
                "does not record its trial configuration and class count (written before checkpoints were self-describing); load it with its trial's configuration.");
        TrialConfig config;
        try
        {
            config = TrialConfig.FromJson(state.Config);
        }
        catch (JsonException exception)
        {
            throw new InvalidCheckpointException(path, $"records an unreadable trial configuration: {exception.Message}", exception);
        }
        // The payload hash does not cover the header, so a damaged configuration shows here.
        var recordedHash = config.Hash();
        if (recordedHash != state.ConfigHash)
            throw new InvalidCheckpointException(path, $"records a configuration with hash {recordedHash}, but its header names {state.ConfigHash}.");
        return config;
    }

    /// <summary>Loads the weights (and optimiser state) from a stream positioned at the verified payload.</summary>
    private static void LoadPayload(FileStream file, string path, nn.Module model, OptimizerHelper? optimizer)
    {
        try
        {
            using var reader = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
            model.load(reader, strict: true);
            optimizer?.load_state_dict(reader);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new InvalidCheckpointException(path, $"does not fit the model: {exception.Message}", exception);
        }
    }

    private static byte[] Header(CheckpointState state, ReadOnlySpan<byte> payload)
    {
        var stateBytes = JsonSerializer.SerializeToUtf8Bytes(state, StateJson);
        using var header = new MemoryStream();
        using (var writer = new BinaryWriter(header, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(stateBytes.Length);
            writer.Write(stateBytes);
            writer.Write((long)payload.Length);
            writer.Write(SHA256.HashData(payload));
        }
        return header.ToArray();
    }

    /// <summary>Reads and checks the header, hashes the payload, and leaves the stream at the payload.</summary>
    private static CheckpointState ReadVerifiedHeader(FileStream file, string path)
    {
        try
        {
            using var reader = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new InvalidCheckpointException(path, "is not a Sweeps checkpoint (wrong magic bytes).");
            var version = reader.ReadInt32();
            if (version != FormatVersion)
                throw new InvalidCheckpointException(path, $"has checkpoint format version {version}; this build reads version {FormatVersion}.");
            var stateLength = reader.ReadInt32();
            if (stateLength is <= 0 or > MaxStateBytes)
                throw new InvalidCheckpointException(path, $"declares a header of {stateLength} bytes.");
            var state = JsonSerializer.Deserialize<CheckpointState>(reader.ReadBytes(stateLength), StateJson)
                ?? throw new InvalidCheckpointException(path, "has an empty state header.");
            var payloadLength = reader.ReadInt64();
            var expectedHash = reader.ReadBytes(SHA256.HashSizeInBytes);
            var payloadStart = file.Position;
            var actualLength = file.Length - payloadStart;
            if (actualLength != payloadLength)
                throw new InvalidCheckpointException(path, $"holds {actualLength} payload bytes, the header declares {payloadLength} (truncated or appended to).");
            if (!SHA256.HashData(file).AsSpan().SequenceEqual(expectedHash))
                throw new InvalidCheckpointException(path, "payload does not match its SHA-256 (corrupt).");
            file.Position = payloadStart;
            return state;
        }
        catch (Exception exception) when (exception is EndOfStreamException or JsonException)
        {
            throw new InvalidCheckpointException(path, $"header is truncated or malformed: {exception.Message}", exception);
        }
    }

    private static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (IOException exception)
        {
            throw new InvalidCheckpointException(path, $"cannot be opened: {exception.Message}", exception);
        }
    }

    [GeneratedRegex(@"^step-(\d{1,18})(?:-a(\d{1,9}))?\.ckpt$")]
    private static partial Regex CheckpointName();
}
