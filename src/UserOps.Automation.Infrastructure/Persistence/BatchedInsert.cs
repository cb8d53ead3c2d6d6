using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace UserOps.Automation.Infrastructure.Persistence;

/// <summary>
/// Multi-row <c>INSERT … VALUES (…), (…)</c> of many rows of one entity type whose generated keys are not
/// needed back (events), on the context's connection and transaction. Parameters come from EF Core's own
/// type mappings, so value converters (UTC instants, JSON properties) store exactly what EF Core would.
/// Several times faster than change tracking, which reads every generated key back.
/// </summary>
internal static class BatchedInsert
{
    // SQL Server allows 2100 parameters per command; stay under it for every provider.
    private const int MaxParameters = 2000;

    public static async Task<int> InsertAsync<T>(AutomationDb db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never || !p.IsPrimaryKey()).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        var rowsPerCommand = Math.Max(1, MaxParameters / columns.Count);

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var inserted = 0;
            for (var first = 0; first < rows.Count; first += rowsPerCommand)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                var text = new StringBuilder(head);
                var last = Math.Min(rows.Count, first + rowsPerCommand);
                for (var i = first; i < last; i++)
                {
                    text.Append(i == first ? "(" : ", (");
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var name = sql.GenerateParameterName($"p{i - first}_{c}");
                        text.Append(c == 0 ? string.Empty : ", ").Append(sql.GenerateParameterNamePlaceholder($"p{i - first}_{c}"));
                        command.Parameters.Add(Parameter(command, columns[c], name, rows[i]));
                    }

                    text.Append(')');
                }

                command.CommandText = text.ToString();
                inserted += await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return inserted;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbParameter Parameter(DbCommand command, IProperty property, string name, object row)
    {
        var value = property.PropertyInfo is { } info ? info.GetValue(row) : property.FieldInfo!.GetValue(row);
        return property.GetRelationalTypeMapping().CreateParameter(command, name, value, property.IsNullable);
    }
}
