namespace UserOps.Automation.Core.Audit;

/// <summary>
/// One change made by an operator, an API key or the system: who, when, what (entity type, id, action) and the
/// entity before and after as JSON. Secrets (password and key hashes) are never part of a snapshot.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        Actor = string.Empty;
        ActorKind = string.Empty;
        EntityType = string.Empty;
        EntityId = string.Empty;
        Action = string.Empty;
    }

    public AuditEntry(AuditActor actor, DateTime at, string entityType, string entityId, string action, string? before, string? after)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Actor = actor.Name;
        ActorKind = actor.Kind;
        At = at;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        Before = before;
        After = after;
    }

    public long Id { get; private set; }
    public DateTime At { get; private set; }
    public string Actor { get; private set; }

    /// <summary><c>operator</c>, <c>key</c> or <c>system</c> (start-up seeding, the CLI).</summary>
    public string ActorKind { get; private set; }

    public string EntityType { get; private set; }
    public string EntityId { get; private set; }
    public string Action { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
}

/// <summary>Who made a change.</summary>
public sealed record AuditActor(string Name, string Kind)
{
    public static AuditActor System { get; } = new("system", "system");

    /// <summary>The host's command line (<c>operators</c>, <c>keys</c>): whoever can run it controls the deployment.</summary>
    public static AuditActor CommandLine { get; } = new("command-line", "system");

    public static AuditActor Operator(string userName) => new(userName, "operator");

    public static AuditActor Key(string name) => new(name, "key");
}

/// <summary>The entity types the audit log names.</summary>
public static class AuditEntities
{
    public const string Workflow = "workflow";
    public const string Template = "template";
    public const string Segment = "segment";
    public const string Operator = "operator";
    public const string ApiKey = "apiKey";
    public const string Suppression = "suppression";
}
