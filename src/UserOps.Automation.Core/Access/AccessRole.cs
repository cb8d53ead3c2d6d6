namespace UserOps.Automation.Core.Access;

/// <summary>
/// What an operator or an API key may do. Roles are hierarchical: each includes everything below it,
/// so a check is "at least this role".
/// </summary>
public enum AccessRole
{
    /// <summary>Reads everything (workflows, segments, templates, contacts, outbox, stats).</summary>
    Viewer = 1,

    /// <summary>Designs and saves drafts; edits templates, segments, contacts; ingests events and imports.</summary>
    Editor = 2,

    /// <summary>Publishes and retires workflows (which launches blasts), enrols by API, sends test messages.</summary>
    Publisher = 3,

    /// <summary>Manages operators, API keys, channel settings and the suppression list; reads the audit log.</summary>
    Admin = 4,
}

/// <summary>Role names as the API and the configuration spell them (lower case, case-insensitive on input).</summary>
public static class AccessRoles
{
    public static string Name(AccessRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out AccessRole role)
    {
        role = default;
        return !string.IsNullOrWhiteSpace(value)
            && !int.TryParse(value, out _)
            && Enum.TryParse(value.Trim(), ignoreCase: true, out role)
            && Enum.IsDefined(role);
    }

    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<AccessRole>().Select(Name).ToArray();
}
