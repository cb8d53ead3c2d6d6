using System.ComponentModel.DataAnnotations;

namespace UserOps.Automation.Infrastructure.Persistence;

/// <summary>Which database the host uses. The default is a SQLite file in the local data folder.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>ADO.NET connection string; may come from the environment (<c>Database__ConnectionString</c>).</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/userops.db";

    /// <summary>Apply pending migrations when the host starts (on by default; turn off where a DBA applies scripts).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
