namespace UserOps.Automation.Core.Messaging;

/// <summary>Chooses the variant of a template key for a contact's locale.</summary>
public static class TemplateLocales
{
    /// <summary>
    /// Exact tag first (<c>zh-CN</c>), then the same language (<c>zh</c>, or <c>zh-TW</c> before nothing),
    /// then the key's default variant, then any variant so a key with copy never sends nothing.
    /// </summary>
    public static T? Pick<T>(IReadOnlyCollection<T> variants, string? locale, Func<T, string> localeOf, Func<T, bool> isDefault)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(localeOf);
        ArgumentNullException.ThrowIfNull(isDefault);
        if (variants.Count == 0)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(locale))
        {
            var exact = variants.FirstOrDefault(v => string.Equals(localeOf(v), locale, StringComparison.OrdinalIgnoreCase));
            if (exact is not null)
            {
                return exact;
            }

            var language = LanguageOf(locale);
            var sameLanguage = variants.Where(v => string.Equals(LanguageOf(localeOf(v)), language, StringComparison.OrdinalIgnoreCase))
                .OrderBy(v => localeOf(v).Length) // the bare language ("zh") before a sibling region ("zh-TW")
                .FirstOrDefault();
            if (sameLanguage is not null)
            {
                return sameLanguage;
            }
        }

        return variants.FirstOrDefault(isDefault) ?? variants.First();
    }

    /// <summary>Locales present in <paramref name="all"/> and absent from <paramref name="have"/>, case-insensitive.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> all, IEnumerable<string> have)
    {
        var present = new HashSet<string>(have, StringComparer.OrdinalIgnoreCase);
        return all.Where(l => !present.Contains(l)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }

    private static string LanguageOf(string locale)
    {
        var dash = locale.IndexOfAny(['-', '_']);
        return dash < 0 ? locale : locale[..dash];
    }
}
