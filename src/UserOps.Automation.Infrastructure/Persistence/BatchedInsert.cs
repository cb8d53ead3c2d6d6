using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace UserOps.Automation.Infrastructure.Persistence;

/// <summary>
/// Multi-row <c>INSERT … VALUES (…), (…)</c> of many rows of one entity type whose generated keys are not
/// needed back (events), on the context's connection and transaction. Parameters come from EF Core's own
/// type mappings, so value converters (UTC instants, JSON properties) store exactly what EF Core would.
/// Several times faster than change tracking, which reads every generated key back.
/// </summary>
/// <remarks>
/// PostgreSQL gets one statement for all the rows, <c>INSERT … SELECT * FROM unnest(@col1, @col2, …)</c> with one typed
/// array parameter per column: one round trip and one plan for any number of rows.
/// SQLite binds parameters by name with a linear search, so a statement of n parameters costs n²: there one
/// prepared single-row statement is executed per row, which is SQLite's fastest path anyway.
/// </remarks>
internal static class BatchedInsert
{
    // SQL Server allows 2100 parameters per command; stay under it for every provider.
    private const int MaxParameters = 2000;

    /// <summary>
    /// From this many rows PostgreSQL gets a binary COPY instead of INSERT … unnest: no arrays to build and unpack, no
    /// executor row by row, and the server writes the heap in multi-row batches (a blast share's journeys, steps,
    /// coupons and messages). Below it, one statement costs less than starting a COPY.
    /// </summary>
    private const int CopyFrom = 64;

    public static Task<int> InsertAsync<T>(AutomationDb db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class =>
        InsertAsync(db, rows, withKeys: false, cancellationToken);

    /// <param name="withKeys">Write the rows' own keys (given up front) instead of letting the database generate them.</param>
    public static async Task<int> InsertAsync<T>(AutomationDb db, IReadOnlyList<T> rows, bool withKeys, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var (columns, into, copy) = Statements.GetOrAdd((entity, withKeys), key => Prepare(key.Entity, key.WithKeys, sql));
        if (db.Provider == DatabaseProvider.Postgres)
        {
            return rows.Count >= CopyFrom
                ? await CopyAsync(db, copy, columns, rows, cancellationToken)
                : await UnnestAsync(db, into, columns, rows, cancellationToken);
        }

        var head = into + " VALUES ";
        var rowsPerCommand = db.Provider == DatabaseProvider.Sqlite ? 1 : Math.Max(1, MaxParameters / columns.Count);

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var inserted = 0;
            DbCommand? command = null;
            try
            {
                for (var first = 0; first < rows.Count; first += rowsPerCommand)
                {
                    var count = Math.Min(rowsPerCommand, rows.Count - first);
                    var text = CommandText(sql, head, count, columns.Count);
                    if (command is null || command.CommandText != text)
                    {
                        // Same text, same command: the provider keeps the statement prepared.
                        if (command is not null)
                        {
                            await command.DisposeAsync();
                        }

                        command = connection.CreateCommand();
                        command.Transaction = transaction;
                        command.CommandText = text;
                    }

                    command.Parameters.Clear();
                    for (var r = 0; r < count; r++)
                    {
                        for (var c = 0; c < columns.Count; c++)
                        {
                            command.Parameters.Add(columns[c].Parameter(command, sql.GenerateParameterName($"p{r}_{c}"), rows[first + r]));
                        }
                    }

                    inserted += await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            finally
            {
                if (command is not null)
                {
                    await command.DisposeAsync();
                }
            }

            return inserted;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// An entity type's columns and statements, built once per model (a model, hence its entity types, lives as long as
    /// the process): a blast writes four tables per share, and building them (and compiling each column's COPY writer) per
    /// call showed in its profile.
    /// </summary>
    private static readonly ConcurrentDictionary<(IEntityType Entity, bool WithKeys), (List<MappedColumn> Columns, string Into, string Copy)> Statements = new();

    private static (List<MappedColumn> Columns, string Into, string Copy) Prepare(IEntityType entity, bool withKeys, ISqlGenerationHelper sql)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => withKeys || p.ValueGenerated == ValueGenerated.Never || !p.IsPrimaryKey())
            .Select(p => new MappedColumn(p, table, sql)).ToList();
        var names = string.Join(", ", columns.Select(c => c.Name));
        var delimited = sql.DelimitIdentifier(table.Name, table.Schema);
        return (columns, $"INSERT INTO {delimited} ({names})", $"COPY {delimited} ({names}) FROM STDIN (FORMAT BINARY)");
    }

    private static string CommandText(ISqlGenerationHelper sql, string head, int rows, int columns)
    {
        var text = new StringBuilder(head);
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++)
            {
                text.Append(c == 0 ? string.Empty : ", ").Append(sql.GenerateParameterNamePlaceholder($"p{r}_{c}"));
            }

            text.Append(')');
        }

        return text.ToString();
    }

    private static async Task<int> CopyAsync<T>(AutomationDb db, string copy, List<MappedColumn> columns, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var writers = columns.Select(c => c.CopyWriter).ToArray();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // The COPY runs in the context's transaction: it is the connection's, whatever command is sent on it.
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var writer = await connection.BeginBinaryImportAsync(copy, cancellationToken);

            // Rows are written synchronously into Npgsql's buffer, typed (MappedColumn.CopyWriter): an awaited write per
            // value cost a state machine and an object-typed resolution each — a fifth of a blast's product CPU. The buffer
            // goes out every few kilobytes by a send to the server, which reads a COPY as fast as it comes.
            foreach (var row in rows)
            {
                writer.StartRow();
                foreach (var write in writers)
                {
                    write(writer, row);
                }
            }

            return checked((int)await writer.CompleteAsync(cancellationToken));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<int> UnnestAsync<T>(AutomationDb db, string into, List<MappedColumn> columns, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"{into} SELECT * FROM unnest({string.Join(", ", columns.Select((_, c) => $"@p{c}"))})";
            for (var c = 0; c < columns.Count; c++)
            {
                command.Parameters.Add(columns[c].ArrayParameter($"p{c}", rows));
            }

            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
