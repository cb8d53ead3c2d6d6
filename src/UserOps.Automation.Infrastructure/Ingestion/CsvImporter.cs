using System.Globalization;
using System.Text.Json.Nodes;
using CsvHelper;
using Microsoft.Extensions.Options;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// Streams a CSV file of contacts or events row by row into <see cref="IngestionService"/> in batches. A bad
/// row is rejected with its line, column and reason and never reaches the database; the good rows of its
/// batch are written. Headers are the API's field names (see <c>docs/ingestion.md</c>).
/// </summary>
public sealed class CsvImporter(IngestionService ingestion, IOptions<IngestionOptions> options)
{
    public const int MaxReportedErrors = 100;

    // Comma-separated, always: detection could guess '|' from a tags column. Line numbers are tracked for the error report.
    private static readonly CsvReaderOptions ReaderOptions = CsvReaderOptions.Default with
    {
        Separator = ',',
        TrimWhitespace = true,
        TrackLineNumbers = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public Task<ImportResult> ImportContactsAsync(Stream csv, CancellationToken cancellationToken) =>
        ImportContactsAsync(csv, null, cancellationToken);

    /// <param name="progress">Called after each written batch with the counts so far (between transactions).</param>
    public Task<ImportResult> ImportContactsAsync(Stream csv, Func<ImportResult, CancellationToken, ValueTask>? progress, CancellationToken cancellationToken) =>
        ImportAsync(csv, CsvRows.ToContact, (rows, ct) => ingestion.UpsertContactsAsync(rows, ct), r => r.Contacts, progress, cancellationToken);

    public Task<ImportResult> ImportEventsAsync(Stream csv, CancellationToken cancellationToken) =>
        ImportEventsAsync(csv, null, cancellationToken);

    /// <param name="progress">Called after each written batch with the counts so far (between transactions).</param>
    public Task<ImportResult> ImportEventsAsync(Stream csv, Func<ImportResult, CancellationToken, ValueTask>? progress, CancellationToken cancellationToken) =>
        ImportAsync(csv, CsvRows.ToEvent, (rows, ct) => ingestion.RecordEventsAsync(rows, ct), r => r.Events, progress, cancellationToken);

    private async Task<ImportResult> ImportAsync<T>(
        Stream csv,
        Func<ImportRow, List<ImportError>, T?> parse,
        Func<IReadOnlyList<T>, CancellationToken, Task<IngestionResult>> write,
        Func<IngestionResult, IReadOnlyList<ItemResult>> results,
        Func<ImportResult, CancellationToken, ValueTask>? progress,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(csv);
        var report = new Report();
        await using var parser = CsvReader.Create(csv, ReaderOptions, leaveOpen: true);
        await parser.ReadHeaderAsync(cancellationToken);
        var header = parser.Headers.ToArray();
        if (header.Length == 0)
        {
            report.Add(new ImportError(1, "(header)", "The file is empty: the first line must name the columns."));
            return report.ToResult();
        }

        var batch = new List<T>(options.Value.ImportBatchSize);
        var lines = new List<long>(options.Value.ImportBatchSize);
        while (await parser.ReadAsync(cancellationToken))
        {
            report.RowsRead++;
            var line = parser.LineNumber;
            var rowErrors = new List<ImportError>();
            var item = parse(new ImportRow(header, parser, line), rowErrors);
            if (item is null)
            {
                report.Reject(rowErrors);
                continue;
            }

            batch.Add(item);
            lines.Add(line);
            if (batch.Count >= options.Value.ImportBatchSize)
            {
                await FlushAsync(batch, lines, write, results, report, cancellationToken);
                if (progress is not null)
                {
                    await progress(report.ToResult(), cancellationToken);
                }
            }
        }

        await FlushAsync(batch, lines, write, results, report, cancellationToken);
        return report.ToResult();
    }

    private static async Task FlushAsync<T>(
        List<T> batch,
        List<long> lines,
        Func<IReadOnlyList<T>, CancellationToken, Task<IngestionResult>> write,
        Func<IngestionResult, IReadOnlyList<ItemResult>> results,
        Report report,
        CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        foreach (var item in results(await write(batch, cancellationToken)))
        {
            switch (item.Status)
            {
                case ItemStatus.Rejected:
                    report.Reject(item.Errors!.Select(e => new ImportError(lines[item.Index], CsvRows.ColumnOf(e.Key), string.Join(" ", e.Value))).ToList());
                    break;
                case ItemStatus.Duplicate:
                    report.Duplicates++;
                    break;
                default:
                    report.Imported++;
                    break;
            }
        }

        batch.Clear();
        lines.Clear();
    }

    private sealed class Report
    {
        private readonly List<ImportError> _errors = [];

        public long RowsRead { get; set; }
        public long Imported { get; set; }
        public long Duplicates { get; set; }
        public long Rejected { get; private set; }

        public void Reject(List<ImportError> errors)
        {
            Rejected++;
            foreach (var error in errors)
            {
                Add(error);
            }
        }

        public void Add(ImportError error)
        {
            if (_errors.Count < MaxReportedErrors)
            {
                _errors.Add(error);
            }
        }

        public ImportResult ToResult() => new(RowsRead, Imported, Duplicates, Rejected, _errors.OrderBy(e => e.Line).ToList());
    }
}

