using System.Text.Json.Nodes;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// A contact as clients send it (own API, Segment identify, CSV). A null field leaves the stored value as it is,
/// so an upsert never wipes what another source set; <see cref="Attributes"/> are merged key by key.
/// </summary>
public sealed record ContactInput
{
    public string? ExternalId { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Locale { get; init; }
    public string? TimeZone { get; init; }
    public string? Country { get; init; }
    public string? City { get; init; }
    public JsonObject? Attributes { get; init; }

    /// <summary>When given, replaces the contact's tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    public ConsentInput? Consent { get; init; }
    public IReadOnlyList<PushTokenInput>? PushTokens { get; init; }
}

/// <summary>Per-channel consent; a null channel keeps its stored consent.</summary>
public sealed record ConsentInput(bool? Email = null, bool? Sms = null, bool? Push = null);

/// <summary>A push token: <c>fcm</c> registration token or <c>webpush</c> endpoint with its subscription keys.</summary>
public sealed record PushTokenInput(string? Token, string? Platform, JsonObject? Keys = null);
