using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Sweeps.Storage;

/// <summary>Timestamps are written in UTC; databases without a zone type (SQLite) hand them back
/// as Unspecified, so reading marks them UTC again.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.ToUniversalTime(),
    stored => DateTime.SpecifyKind(stored, DateTimeKind.Utc));
