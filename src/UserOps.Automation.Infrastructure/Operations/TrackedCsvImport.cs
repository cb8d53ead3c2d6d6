using System.Globalization;
using System.Text.Json.Nodes;
using UserOps.Automation.Core.Operations;
using UserOps.Automation.Infrastructure.Ingestion;

namespace UserOps.Automation.Infrastructure.Operations;

/// <summary>A CSV import recorded as an <see cref="Operation"/>: bytes read of the file's length, row counts and the first row errors with their lines.</summary>
public sealed class TrackedCsvImport(CsvImporter importer, OperationTracker tracker)
{
    /// <param name="contacts">Contacts (true) or events (false).</param>
    /// <param name="length">The file's length in bytes when known (a file, a Content-Length), for a determinate progress bar.</param>
    public Task<TrackedOperation> StartAsync(bool contacts, string? fileName, long? length, string? startedBy, CancellationToken cancellationToken) =>
        tracker.StartAsync(contacts ? OperationKinds.ContactImport : OperationKinds.EventImport, fileName, "bytes", startedBy, length, "Reading the file", cancellationToken);

    /// <summary>Runs the import, reporting after each batch; the operation ends succeeded, completed with errors, or failed (and the error is rethrown).</summary>
    public async Task<ImportResult> RunAsync(TrackedOperation operation, bool contacts, Stream csv, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var counting = new CountingStream(csv);
        try
        {
            var result = contacts
                ? await importer.ImportContactsAsync(counting, Progress, cancellationToken)
                : await importer.ImportEventsAsync(counting, Progress, cancellationToken);
            await operation.CompleteAsync(Summary(result), Counts(result), result.Rejected, Errors(result), counting.BytesRead, cancellationToken);
            return result;
        }
        catch (Exception e)
        {
            await operation.FailAsync(e);
            throw;
        }

        ValueTask Progress(ImportResult so, CancellationToken ct) =>
            operation.ReportAsync(counting.BytesRead, null, Summary(so), Counts(so), so.Rejected, Errors(so), cancellationToken: ct);
    }

    public static string Summary(ImportResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return string.Create(CultureInfo.InvariantCulture,
            $"{result.RowsRead:N0} rows read: {result.Imported:N0} imported, {result.Duplicates:N0} duplicates, {result.Rejected:N0} rejected");
    }

    private static JsonObject Counts(ImportResult result) => new()
    {
        ["rowsRead"] = result.RowsRead,
        ["imported"] = result.Imported,
        ["duplicates"] = result.Duplicates,
        ["rejected"] = result.Rejected,
    };

    private static IEnumerable<OperationError> Errors(ImportResult result) =>
        result.Errors.Select(e => new OperationError(e.Line, e.Field, e.Message));
}
