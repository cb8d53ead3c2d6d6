using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace UserOps.Automation.Infrastructure.Persistence;

/// <summary>Delimited table and column names from the model, for the few statements EF Core cannot express (INSERT … SELECT, claims).</summary>
internal sealed class SqlNames<T>(AutomationDb db)
{
    private readonly ISqlGenerationHelper _sql = db.GetService<ISqlGenerationHelper>();
    private readonly Microsoft.EntityFrameworkCore.Metadata.IEntityType _entity = db.Model.FindEntityType(typeof(T))!;

    public string Table => _sql.DelimitIdentifier(_entity.GetTableName()!);

    public string this[string property] => _sql.DelimitIdentifier(_entity.FindProperty(property)!.GetColumnName());
}
