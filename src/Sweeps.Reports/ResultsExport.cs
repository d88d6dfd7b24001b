using System.Globalization;
using System.Text;
using System.Text.Json;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Reports;

/// <summary>
/// <c>sweeps results</c>: one row per stored score of the given sweeps, with its trial's swept values as
/// columns (the union over the sweeps, in first-seen order; empty where a sweep does not vary one), so
/// pandas, R or a spreadsheet read it as it is. CSV follows RFC 4180; JSON is an array of objects with
/// the same keys, swept values typed as the sweep file gives them (numbers as numbers). Rows are streamed from the database.
/// </summary>
public sealed class ResultsExport(StudyReader reader, ResultStore results)
{
    public const string Csv = "csv";
    public const string Json = "json";
    public static readonly string[] Formats = [Csv, Json];

    /// <summary>The columns before the swept values.</summary>
    public static readonly string[] TrialColumns = ["sweep", "trial_id", "trial_index", "trial", "state"];

    /// <summary>The columns after the swept values. <c>epoch</c>: whole epochs done; <c>epochs</c>: progress in
    /// epochs (fractional for step checkpoints); <c>images_trained</c>: steps times batch size;
    /// <c>is_best_checkpoint</c>: the trial's best checkpoint by its sweep's metric.</summary>
    public static readonly string[] ScoreColumns =
        ["checkpoint_id", "step", "epoch", "epochs", "images_trained", "is_best_checkpoint", "metric", "function", "layer", "category", "value"];

    /// <summary>As <see cref="WriteAsync"/>, into <paramref name="path"/> through a partial file beside it that
    /// replaces it only once complete: an export that fails (full disk, lost database, Ctrl+C) leaves the file
    /// from the previous export as it was, never a truncated one that reads as fewer results.</summary>
    /// <returns>The number of rows written.</returns>
    public async Task<long> WriteFileAsync(IReadOnlyList<SweepRecord> sweeps, string format, string path, CancellationToken ct)
    {
        var partial = path + ".partial";
        try
        {
            long rows;
            await using (var stream = File.Create(partial))
                rows = await WriteAsync(sweeps, format, stream, ct);
            File.Move(partial, path, overwrite: true);
            return rows;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <returns>The number of rows written.</returns>
    public async Task<long> WriteAsync(IReadOnlyList<SweepRecord> sweeps, string format, Stream output, CancellationToken ct)
    {
        var members = new List<(SweepRecord Sweep, IReadOnlyDictionary<int, Member> Trials)>();
        var sweptPaths = new List<string>();
        foreach (var sweep in sweeps)
        {
            var trials = new Dictionary<int, Member>();
            var stored = await reader.ReadMembersAsync(sweep, ct);
            foreach (var trial in stored.Trials)
            {
                var swept = stored.Swept[trial.TrialId];
                foreach (var value in swept)
                    if (!sweptPaths.Contains(value.Path)) sweptPaths.Add(value.Path);
                trials[trial.TrialId] = new Member(trial, swept.ToDictionary(v => v.Path), TrialConfig.FromJson(trial.ConfigJson).Train.BatchSize);
            }
            members.Add((sweep, trials));
        }

        using var writer = format switch
        {
            Csv => (IRowWriter)new CsvRowWriter(output),
            Json => new JsonRowWriter(output),
            _ => throw new ArgumentException($"Unknown results format '{format}'; use {string.Join(" or ", Formats)}.", nameof(format)),
        };
        writer.Begin([.. TrialColumns, .. sweptPaths, .. ScoreColumns]);
        long rows = 0;
        foreach (var (sweep, trials) in members)
        {
            await foreach (var row in results.StreamScoreRowsAsync(sweep.Id).WithCancellation(ct))
            {
                var member = trials[row.TrialId];
                writer.Text(sweep.Name);
                writer.Number(member.Trial.TrialId);
                writer.Number(member.Trial.Index);
                writer.Text(member.Trial.Label);
                writer.Text(member.Trial.State.ToString());
                foreach (var path in sweptPaths)
                    writer.Value(member.Swept.GetValueOrDefault(path));
                writer.Number(row.CheckpointId);
                writer.Number(row.Step);
                writer.Number(row.Epoch);
                writer.Number(row.EpochFraction);
                writer.Number(row.Step * member.BatchSize);
                writer.Boolean(row.CheckpointId == member.Trial.BestCheckpointId);
                writer.Text(row.Metric);
                writer.Text(row.Function);
                writer.Text(row.Layer);
                writer.Text(row.Category);
                writer.Number(row.Value);
                writer.EndRow();
                rows++;
            }
        }
        writer.End();
        return rows;
    }

    private sealed record Member(ResultTrial Trial, IReadOnlyDictionary<string, SweptValue> Swept, int BatchSize);

    private interface IRowWriter : IDisposable
    {
        void Begin(IReadOnlyList<string> columns);
        void Text(string value);
        void Number(double value);
        void Boolean(bool value);
        /// <summary>A swept value as its type has it (JSON: number, string, boolean or array; CSV: its text), empty when absent.</summary>
        void Value(SweptValue? value);
        void EndRow();
        void End();
    }

    private sealed class CsvRowWriter(Stream output) : IRowWriter
    {
        private readonly StreamWriter _writer = new(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        private bool _first = true;

        public void Begin(IReadOnlyList<string> columns)
        {
            foreach (var column in columns) Text(column);
            EndRow();
        }

        public void Text(string value)
        {
            Separate();
            _writer.Write(CsvText.Field(value));
        }

        public void Number(double value)
        {
            Separate();
            _writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
        }

        public void Boolean(bool value)
        {
            Separate();
            _writer.Write(value ? "true" : "false");
        }

        public void Value(SweptValue? value) => Text(value is null ? ""
            : value.Value.ValueKind switch
            {
                JsonValueKind.String => value.Value.GetString()!,
                JsonValueKind.Number => value.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                _ => value.Value.GetRawText(),
            });

        public void EndRow()
        {
            _writer.Write('\n');
            _first = true;
        }

        public void End() => _writer.Flush();

        public void Dispose() => _writer.Dispose();

        private void Separate()
        {
            if (!_first) _writer.Write(',');
            _first = false;
        }
    }

    private sealed class JsonRowWriter(Stream output) : IRowWriter
    {
        private readonly Utf8JsonWriter _writer = new(output);
        private IReadOnlyList<string> _columns = [];
        private int _column;

        public void Begin(IReadOnlyList<string> columns)
        {
            _columns = columns;
            _writer.WriteStartArray();
        }

        public void Text(string value) => _writer.WriteString(Next(), value);

        public void Number(double value) => _writer.WriteNumber(Next(), value);

        public void Boolean(bool value) => _writer.WriteBoolean(Next(), value);

        public void Value(SweptValue? value)
        {
            var name = Next();
            if (value is null) _writer.WriteNull(name);
            else
            {
                _writer.WritePropertyName(name);
                value.Value.WriteTo(_writer);
            }
        }

        public void EndRow()
        {
            _writer.WriteEndObject();
            _column = 0;
            // Keep the buffer small on a study of millions of rows.
            if (_writer.BytesPending > 1 << 16) _writer.Flush();
        }

        public void End()
        {
            _writer.WriteEndArray();
            _writer.Flush();
        }

        public void Dispose() => _writer.Dispose();

        private string Next()
        {
            if (_column == 0) _writer.WriteStartObject();
            return _columns[_column++];
        }
    }
}
