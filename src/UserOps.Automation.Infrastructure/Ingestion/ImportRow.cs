using System.Text.Json.Nodes;
using CsvHelper;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>One data row of a CSV import with its header, read by column name (matched ignoring case).</summary>
internal readonly record struct ImportRow(string[] Header, CsvReader Reader, long Line)
{
    public string? this[string column]
    {
        get
        {
            var index = Array.FindIndex(Header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
            return index >= 0 ? Value(index) : null;
        }
    }

    /// <summary>Columns named <c>prefix…</c> (e.g. <c>attr_plan</c>) as a JSON object keyed by the rest of the name.</summary>
    public JsonObject? Prefixed(string prefix)
    {
        JsonObject? result = null;
        for (var i = 0; i < Header.Length; i++)
        {
            if (Header[i].Length > prefix.Length && Header[i].StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && Value(i) is { } value)
            {
                (result ??= [])[Header[i][prefix.Length..]] = value;
            }
        }

        return result;
    }

    private string? Value(int index) => index < Reader.FieldCount && Reader.GetString(index) is { Length: > 0 } value ? value : null;
}
