using System.Text.Json;
using System.Text.Json.Serialization;
using UserOps.Automation.Core.Audit;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Audit;

/// <summary>
/// Adds audit entries to the caller's context, so they are saved by the same <c>SaveChanges</c> (one transaction)
/// as the change they describe. Record before saving; an entry of a change that is never saved is never written.
/// </summary>
public sealed class AuditTrail(AutomationDb db, TimeProvider time, IAuditActorSource? actors = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public AuditActor Actor => actors?.Current ?? AuditActor.System;

    /// <param name="before">The entity before the change (null when created); serialized as JSON. Never pass secrets.</param>
    /// <param name="after">The entity after the change (null when deleted).</param>
    public AuditEntry Record(string entityType, string entityId, string action, object? before, object? after)
    {
        var entry = new AuditEntry(Actor, time.GetUtcNow().UtcDateTime, entityType, entityId, action, Serialize(before), Serialize(after));
        db.Add(entry);
        return entry;
    }

    public static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Json);
}

/// <summary>Who is making changes in the current scope (the signed-in operator, the API key); the host provides it.</summary>
public interface IAuditActorSource
{
    AuditActor? Current { get; }
}

/// <summary>The same actor for every change (the command line).</summary>
public sealed class FixedAuditActor(AuditActor actor) : IAuditActorSource
{
    public AuditActor? Current => actor;
}

/// <summary>The verbs of the audit log.</summary>
public static class AuditActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string SaveDraft = "save-draft";
    public const string Import = "import";
    public const string Publish = "publish";
    public const string Retire = "retire";
    public const string Launch = "launch";
    public const string Enrol = "enrol";
    public const string Revoke = "revoke";
    public const string ResetPassword = "reset-password";
    public const string ChangePassword = "change-password";
    public const string LockOut = "lock-out";
}
