using System.Globalization;
using System.Text.Json.Nodes;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>Maps CSV rows to API inputs; format problems (a date, a number, a yes/no) are reported against the column.</summary>
internal static class CsvRows
{
    public static ContactInput? ToContact(ImportRow row, List<ImportError> errors)
    {
        var consent = new ConsentInput(Bool(row, "consentEmail", errors), Bool(row, "consentSms", errors), Bool(row, "consentPush", errors));
        if (errors.Count > 0)
        {
            return null;
        }

        return new ContactInput
        {
            ExternalId = row["externalId"],
            Email = row["email"],
            Phone = row["phone"],
            FirstName = row["firstName"],
            LastName = row["lastName"],
            Locale = row["locale"],
            TimeZone = row["timeZone"],
            Country = row["country"],
            City = row["city"],
            Tags = row["tags"]?.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Consent = consent,
            Attributes = row.Prefixed("attr_"),
        };
    }

    public static EventInput? ToEvent(ImportRow row, List<ImportError> errors)
    {
        DateTimeOffset? timestamp = null;
        if (row["timestamp"] is { } text)
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                timestamp = parsed;
            }
            else
            {
                errors.Add(new ImportError(row.Line, "timestamp", $"'{text}' is not a date and time (use ISO 8601, e.g. 2025-05-01T10:00:00Z)."));
            }
        }

        decimal? amount = null;
        if (row["amount"] is { } number)
        {
            if (decimal.TryParse(number, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
            {
                amount = parsed;
            }
            else
            {
                errors.Add(new ImportError(row.Line, "amount", $"'{number}' is not a number (use a dot for decimals, e.g. 19.90)."));
            }
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var properties = row.Prefixed("prop_") ?? [];
        if (row["category"] is { } category)
        {
            properties["category"] = category;
        }

        return new EventInput
        {
            ExternalId = row["externalId"],
            Name = row["name"],
            Timestamp = timestamp,
            Amount = amount,
            Currency = row["currency"],
            MessageId = row["messageId"],
            Properties = properties,
        };
    }

    /// <summary>The CSV column of an API field name reported by validation.</summary>
    public static string ColumnOf(string field) => field switch
    {
        "properties.category" => "category",
        _ when field.StartsWith("tags[", StringComparison.Ordinal) => "tags",
        _ => field,
    };

    private static bool? Bool(ImportRow row, string column, List<ImportError> errors)
    {
        switch (row[column]?.ToUpperInvariant())
        {
            case null:
                return null;
            case "TRUE" or "YES" or "Y" or "1":
                return true;
            case "FALSE" or "NO" or "N" or "0":
                return false;
            default:
                errors.Add(new ImportError(row.Line, column, $"'{row[column]}' is not true or false."));
                return null;
        }
    }
}
