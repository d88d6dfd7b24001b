using System.Text;

namespace Sweeps.LivePage;

/// <summary>The end of a trial's log file, read while its worker appends to it.</summary>
public static class LogTail
{
    /// <summary>At most the last <paramref name="maxBytes"/> bytes, from the first whole line among them.</summary>
    public static async Task<string> ReadAsync(string path, CancellationToken ct, int maxBytes = 16 * 1024)
    {
        await using var log = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        long start = Math.Max(0, log.Length - maxBytes);
        log.Seek(start, SeekOrigin.Begin);
        var buffer = new byte[log.Length - start];
        int read = await log.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        int firstLine = start > 0 ? text.IndexOf('\n') + 1 : 0;
        return text[firstLine..];
    }
}
