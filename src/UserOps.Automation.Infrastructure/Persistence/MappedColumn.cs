using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace UserOps.Automation.Infrastructure.Persistence;

/// <summary>
/// One mapped property of an entity as a column for hand-written statements: its delimited name, and its values as EF
/// Core would store them (value converters applied: UTC instants, JSON text, enums as text) — one at a time as a
/// parameter, or a whole batch of rows as one PostgreSQL array parameter (for <c>unnest</c>).
/// </summary>
internal sealed class MappedColumn
{
    private readonly IClrPropertyGetter _getter;
    private readonly RelationalTypeMapping _mapping;
    private readonly ValueConverter? _converter;

    public MappedColumn(IProperty property, StoreObjectIdentifier table, ISqlGenerationHelper sql)
    {
        Property = property;
        _getter = property.GetGetter();
        _mapping = property.GetRelationalTypeMapping();
        _converter = _mapping.Converter;
        ColumnName = property.GetColumnName(table)!;
        Name = sql.DelimitIdentifier(ColumnName);
        StoreType = property.GetColumnType(table);
    }

    public IProperty Property { get; }

    public string ColumnName { get; }

    /// <summary>The delimited column name.</summary>
    public string Name { get; }

    public string StoreType { get; }

    public static MappedColumn Of<T>(AutomationDb db, string property)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return new MappedColumn(entity.FindProperty(property)!, table, db.GetService<ISqlGenerationHelper>());
    }

    public object? ValueOf(object row) => _getter.GetClrValueUsingContainingEntity(row);

    /// <summary>The row's value as the database stores it (the property's value converter applied), or null.</summary>
    public object? ProviderValueOf(object row)
    {
        var clr = ValueOf(row);
        return clr is null || _converter is null ? clr : _converter.ConvertToProvider(clr);
    }

    /// <summary>The column's PostgreSQL type, for a binary COPY.</summary>
    public NpgsqlDbType NpgsqlType => NpgsqlTypeOf(StoreType);

    /// <summary>
    /// Writes the row's value of this column into a binary COPY as its provider type (converter applied), typed: no boxing
    /// and no per-value type resolution in Npgsql, which the <c>object</c> path did for every value of a blast's rows.
    /// Compiled once per column (the model, hence its columns, lives as long as the process).
    /// </summary>
    public Action<NpgsqlBinaryImporter, object> CopyWriter => _copyWriter ??= CompileCopyWriter();

    private Action<NpgsqlBinaryImporter, object>? _copyWriter;

    private Action<NpgsqlBinaryImporter, object> CompileCopyWriter()
    {
        var type = NpgsqlType;
        if (Property.PropertyInfo is not { } info || info.GetGetMethod(nonPublic: false) is null)
        {
            // Shadow or field-only properties: EF Core's getter and the object path.
            return (writer, row) =>
            {
                if (ProviderValueOf(row) is { } value)
                {
                    writer.Write(value, type);
                }
                else
                {
                    writer.WriteNull();
                }
            };
        }

        var writerParameter = Expression.Parameter(typeof(NpgsqlBinaryImporter), "writer");
        var rowParameter = Expression.Parameter(typeof(object), "row");
        var model = Expression.Variable(info.PropertyType, "model");
        var provider = Expression.Variable(_converter?.ProviderClrType ?? Nullable.GetUnderlyingType(info.PropertyType) ?? info.PropertyType, "provider");
        var writeNull = Expression.Call(writerParameter, nameof(NpgsqlBinaryImporter.WriteNull), Type.EmptyTypes);
        var write = typeof(NpgsqlBinaryImporter).GetMethods()
            .Single(m => m.Name == nameof(NpgsqlBinaryImporter.Write) && m.IsGenericMethodDefinition
                         && m.GetParameters() is [_, { ParameterType: var second }] && second == typeof(NpgsqlDbType))
            .MakeGenericMethod(provider.Type);

        // model = ((TEntity)row).Property; provider = convert(model's value); write provider (or null).
        Expression value = Nullable.GetUnderlyingType(model.Type) is not null ? Expression.Property(model, "Value") : model;
        Expression converted = _converter is null
            ? value
            : Expression.Invoke(_converter.ConvertToProviderExpression, Expression.Convert(value, _converter.ModelClrType));
        var writeProvider = provider.Type.IsValueType
            ? (Expression)Expression.Call(writerParameter, write, provider, Expression.Constant(type))
            : Expression.IfThenElse(Expression.Equal(provider, Expression.Constant(null, provider.Type)), writeNull,
                Expression.Call(writerParameter, write, provider, Expression.Constant(type)));
        Expression convertAndWrite = Expression.Block(Expression.Assign(provider, Expression.Convert(converted, provider.Type)), writeProvider);
        var body = Expression.Block(
            [model, provider],
            Expression.Assign(model, Expression.Property(Expression.Convert(rowParameter, info.DeclaringType!), info)),
            model.Type.IsValueType && Nullable.GetUnderlyingType(model.Type) is null
                ? convertAndWrite
                : Expression.IfThenElse(Expression.Equal(model, Expression.Constant(null, model.Type)), writeNull, convertAndWrite));
        return Expression.Lambda<Action<NpgsqlBinaryImporter, object>>(body, writerParameter, rowParameter).Compile();
    }

    public DbParameter Parameter(DbCommand command, string name, object row) =>
        _mapping.CreateParameter(command, name, ValueOf(row), Property.IsNullable);

    /// <summary>The column's values for <paramref name="rows"/> as one typed PostgreSQL array parameter.</summary>
    public NpgsqlParameter ArrayParameter<T>(string name, IReadOnlyList<T> rows)
        where T : class =>
        ArrayParameter(name, rows.Count, i => ValueOf(rows[i]));

    /// <summary>Any values of this column's type (e.g. expected concurrency tokens) as one PostgreSQL array parameter.</summary>
    public NpgsqlParameter ArrayParameter(string name, int count, Func<int, object?> value)
    {
        var provider = _converter?.ProviderClrType ?? Property.ClrType;
        provider = Nullable.GetUnderlyingType(provider) ?? provider;
        var element = provider.IsValueType && Property.IsNullable ? typeof(Nullable<>).MakeGenericType(provider) : provider;
        var array = Array.CreateInstance(element, count);
        for (var i = 0; i < count; i++)
        {
            var clr = value(i);
            array.SetValue(clr is null ? null : _converter is null ? clr : _converter.ConvertToProvider(clr), i);
        }

        return new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlTypeOf(StoreType)) { Value = array };
    }

    private static NpgsqlDbType NpgsqlTypeOf(string storeType)
    {
        var bare = storeType.Split('(')[0].Trim();
        return bare switch
        {
            "bigint" => NpgsqlDbType.Bigint,
            "integer" => NpgsqlDbType.Integer,
            "smallint" => NpgsqlDbType.Smallint,
            "boolean" => NpgsqlDbType.Boolean,
            "text" => NpgsqlDbType.Text,
            "character varying" => NpgsqlDbType.Varchar,
            "timestamp with time zone" => NpgsqlDbType.TimestampTz,
            "double precision" => NpgsqlDbType.Double,
            "numeric" => NpgsqlDbType.Numeric,
            "uuid" => NpgsqlDbType.Uuid,
            "jsonb" => NpgsqlDbType.Jsonb,
            _ => throw new NotSupportedException($"No PostgreSQL array mapping for column type '{storeType}'."),
        };
    }
}
