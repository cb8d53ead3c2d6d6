using NpgsqlTypes;

namespace UserOps.Automation.Bench.Data;

/// <summary>A column of a bulk load: its name, how to read it from a row, its PostgreSQL type and its SQLite value.</summary>
internal sealed record Column<T>(string Name, Func<T, object?> Read, NpgsqlDbType Type, Func<T, object?>? ReadForSqlite = null)
{
    public object? SqliteValue(T row) => (ReadForSqlite ?? Read)(row);
}
