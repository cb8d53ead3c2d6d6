using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Bench.Data;

/// <summary>
/// Loads generated rows as fast as each database takes them: PostgreSQL by binary COPY, SQLite by a prepared
/// multi-row INSERT executed again and again in one transaction. This is setup (and the ingest floor), not product code.
/// </summary>
internal static class BulkLoader
{
    // SQLite binds parameters by name with a linear search, so very wide statements cost more than they save.
    private const int SqliteRowsPerStatement = 8;

    public static async Task<TimeSpan> LoadAsync<T>(
        DatabaseProvider provider, string connectionString, string table, IReadOnlyList<Column<T>> columns, IEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        if (provider == DatabaseProvider.Postgres)
        {
            await CopyAsync(connectionString, table, columns, rows, cancellationToken);
        }
        else
        {
            await InsertSqliteAsync(connectionString, table, columns, rows, cancellationToken);
        }

        return clock.Elapsed;
    }

    public static async Task CopyAsync<T>(string connectionString, string table, IReadOnlyList<Column<T>> columns, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        // No timeout: COPY of a million rows into an indexed table outlasts the default 30 s on a busy machine.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await using (var import = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in rows)
            {
                await import.StartRowAsync(cancellationToken);
                foreach (var column in columns)
                {
                    var value = column.Read(row);
                    if (value is null)
                    {
                        await import.WriteNullAsync(cancellationToken);
                    }
                    else
                    {
                        await import.WriteAsync(value, column.Type, cancellationToken);
                    }
                }
            }

            await import.CompleteAsync(cancellationToken);
        }
    }

    private static async Task InsertSqliteAsync<T>(string connectionString, string table, IReadOnlyList<Column<T>> columns, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-200000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var full = Command(connection, transaction, table, columns, SqliteRowsPerStatement);
        var buffer = new List<T>(SqliteRowsPerStatement);
        foreach (var row in rows)
        {
            buffer.Add(row);
            if (buffer.Count == SqliteRowsPerStatement)
            {
                await ExecuteAsync(full, columns, buffer, cancellationToken);
                buffer.Clear();
            }
        }

        if (buffer.Count > 0)
        {
            await using var rest = Command(connection, transaction, table, columns, buffer.Count);
            await ExecuteAsync(rest, columns, buffer, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static SqliteCommand Command<T>(SqliteConnection connection, SqliteTransaction transaction, string table, IReadOnlyList<Column<T>> columns, int rows)
    {
        var sql = new StringBuilder($"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ");
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = $"$p{r}_{c}";
                sql.Append(c == 0 ? name : ", " + name);
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        command.Prepare();
        return command;
    }

    private static async Task ExecuteAsync<T>(SqliteCommand command, IReadOnlyList<Column<T>> columns, List<T> rows, CancellationToken cancellationToken)
    {
        var p = 0;
        foreach (var row in rows)
        {
            foreach (var column in columns)
            {
                command.Parameters[p++].Value = column.SqliteValue(row) ?? DBNull.Value;
            }
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
