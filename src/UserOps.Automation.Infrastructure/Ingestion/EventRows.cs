using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// Inserts a batch's events in bulk and sets their generated ids (the journeys name the event that enrolled a contact).
/// PostgreSQL: ids reserved from the column's sequence in one query, then one binary COPY. SQLite: one prepared
/// INSERT … RETURNING per row (SQLite's fastest path). SQL Server: EF Core's batched insert, which reads the ids back.
/// </summary>
internal static class EventRows
{
    public static async Task InsertAsync(AutomationDb db, IReadOnlyList<ContactEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(ContactEvent))!;
        var id = entity.FindPrimaryKey()!.Properties[0];
        var columns = entity.GetProperties().Where(p => p != id).ToList();
        switch (db.Provider)
        {
            case DatabaseProvider.Postgres:
                await CopyAsync(db, events, id, columns, cancellationToken);
                break;
            case DatabaseProvider.Sqlite:
                await InsertReturningAsync(db, events, id, columns, cancellationToken);
                break;
            default:
                db.Events.AddRange(events);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                break;
        }
    }

    private static async Task CopyAsync(AutomationDb db, IReadOnlyList<ContactEvent> events, IProperty id, List<IProperty> columns, CancellationToken cancellationToken)
    {
        var names = new SqlNames<ContactEvent>(db);
        await using (var reserve = RawCommand.Create(db,
            $"SELECT nextval(pg_get_serial_sequence('{names.Table}', '{id.GetColumnName()}')) FROM generate_series(1, @n)"))
        {
            RawCommand.Add(reserve, "n", events.Count);
            await using var reader = await reserve.ExecuteReaderAsync(cancellationToken);
            foreach (var contactEvent in events)
            {
                await reader.ReadAsync(cancellationToken);
                SetId(id, contactEvent, reader.GetInt64(0));
            }
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var all = new List<IProperty> { id };
        all.AddRange(columns);
        var copy = $"COPY {names.Table} ({string.Join(", ", all.Select(p => names[p.Name]))}) FROM STDIN (FORMAT BINARY)";
        var types = all.Select(CopyType).ToList();
        await using var writer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var contactEvent in events)
        {
            await writer.StartRowAsync(cancellationToken);
            for (var c = 0; c < all.Count; c++)
            {
                var value = ProviderValue(all[c], contactEvent);
                if (value is null)
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(value, types[c], cancellationToken);
                }
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task InsertReturningAsync(AutomationDb db, IReadOnlyList<ContactEvent> events, IProperty id, List<IProperty> columns, CancellationToken cancellationToken)
    {
        var names = new SqlNames<ContactEvent>(db);
        await using var command = RawCommand.Create(db,
            $"INSERT INTO {names.Table} ({string.Join(", ", columns.Select(p => names[p.Name]))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))}) RETURNING {names[id.Name]}");
        foreach (var contactEvent in events)
        {
            command.Parameters.Clear();
            for (var c = 0; c < columns.Count; c++)
            {
                RawCommand.Bind(command, columns[c], $"p{c}", columns[c].GetGetter().GetClrValueUsingContainingEntity(contactEvent));
            }

            SetId(id, contactEvent, Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    // The id's setter is private to Core (only the store assigns ids); EF Core sets it the same way.
    private static void SetId(IProperty id, ContactEvent contactEvent, long value) => id.PropertyInfo!.SetValue(contactEvent, value);

    private static object? ProviderValue(IProperty property, ContactEvent contactEvent)
    {
        var value = property.GetGetter().GetClrValueUsingContainingEntity(contactEvent);
        return value is null ? null : property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }

    private static NpgsqlDbType CopyType(IProperty property) => property.GetColumnType() switch
    {
        "bigint" => NpgsqlDbType.Bigint,
        "integer" => NpgsqlDbType.Integer,
        "boolean" => NpgsqlDbType.Boolean,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        "jsonb" => NpgsqlDbType.Jsonb,
        var type when type.StartsWith("character varying", StringComparison.Ordinal) => NpgsqlDbType.Varchar,
        "text" => NpgsqlDbType.Text,
        var type => throw new NotSupportedException($"ContactEvent.{property.Name}: no COPY type for column type {type}."),
    };
}
