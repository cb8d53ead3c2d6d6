using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace UserOps.Automation.Infrastructure.Persistence;

/// <summary>Every instant is stored in UTC and read back as UTC (SQLite keeps no kind; Npgsql's timestamptz demands UTC).</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
