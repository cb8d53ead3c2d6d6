using System.Text.Json;
using System.Text.Json.Serialization;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Infrastructure.Messaging.Templates;

/// <summary>A template key as shipped in <c>workflows/templates/*.json</c>: one channel, a default locale, a variant per locale.</summary>
public sealed record TemplateFile(string Key, Channel Channel, string DefaultLocale, IReadOnlyList<TemplateFileVariant> Variants)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Every file of the folder, in name order; a file that does not parse throws naming the file.</summary>
    public static IReadOnlyList<(string Path, TemplateFile File)> LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var files = new List<(string, TemplateFile)>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                var file = JsonSerializer.Deserialize<TemplateFile>(File.ReadAllText(path), Json)
                    ?? throw new InvalidDataException("empty file");
                files.Add((path, file));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)}: {ex.Message}", ex);
            }
        }

        return files;
    }

    public IEnumerable<MessageTemplate> ToTemplates(DateTime now) =>
        Variants.Select(v => new MessageTemplate(Key, Channel, v.Locale, string.Equals(v.Locale, DefaultLocale, StringComparison.OrdinalIgnoreCase), v.ToContent(), now));
}

/// <summary>One locale's copy in a shipped template file; push data is a JSON object.</summary>
public sealed record TemplateFileVariant(string Locale)
{
    public string? Subject { get; init; }
    public string? Html { get; init; }
    public string? Text { get; init; }
    public string? FromName { get; init; }
    public string? SmsBody { get; init; }
    public string? PushTitle { get; init; }
    public string? PushBody { get; init; }
    public string? DeepLink { get; init; }
    public JsonElement? Data { get; init; }

    public TemplateContent ToContent() => new()
    {
        Subject = Subject,
        Html = Html,
        Text = Text,
        FromName = FromName,
        SmsBody = SmsBody,
        PushTitle = PushTitle,
        PushBody = PushBody,
        DeepLink = DeepLink,
        DataJson = Data?.GetRawText(),
    };
}
