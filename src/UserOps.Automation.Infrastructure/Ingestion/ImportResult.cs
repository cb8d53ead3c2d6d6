namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>The outcome of a CSV import: counts and the first <see cref="CsvImporter.MaxReportedErrors"/> problems.</summary>
public sealed record ImportResult(long RowsRead, long Imported, long Duplicates, long Rejected, IReadOnlyList<ImportError> Errors);

/// <summary>One problem of one row: the file's line number (the header is line 1), the column and what is wrong.</summary>
public sealed record ImportError(long Line, string Field, string Message);
