using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace UserOps.Automation.Infrastructure.Persistence;

/// <summary>
/// Hand-written statements on the context's open connection and current transaction, for the set-based writes
/// EF Core has no LINQ form of (upserts, conflict-tolerant inserts, relative updates). Parameters of mapped
/// columns come from EF Core's own type mappings, so converters (UTC instants, enums as text) apply as in SaveChanges.
/// </summary>
internal static class RawCommand
{
    public static DbCommand Create(AutomationDb db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        if (db.Database.GetCommandTimeout() is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        return command;
    }

    /// <summary>Adds a parameter for a value of <paramref name="property"/>'s column.</summary>
    public static void Bind(DbCommand command, IProperty property, string name, object? value) =>
        command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, name, value, nullable: true));

    /// <summary>Adds a parameter whose type the provider infers from the value (PostgreSQL arrays, counts).</summary>
    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// Runs one statement per row with the same command, so the provider prepares it once: SQLite's fastest path
    /// (it binds named parameters by linear search, so one statement of many rows costs quadratic time).
    /// </summary>
    public static async Task<int> ForEachRowAsync<T>(AutomationDb db, string sql, IEnumerable<T> rows, Action<DbCommand, T> bind, CancellationToken cancellationToken)
    {
        await using var command = Create(db, sql);
        var affected = 0;
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            bind(command, row);
            affected += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return affected;
    }

    public static IProperty Property<T>(AutomationDb db, string name) =>
        db.Model.FindEntityType(typeof(T))?.FindProperty(name) ?? throw new InvalidOperationException($"{typeof(T).Name}.{name} is not mapped.");
}
