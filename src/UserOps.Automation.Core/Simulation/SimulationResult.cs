using System.Text.Json.Nodes;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Core.Simulation;

/// <summary>
/// The path one contact would take and what it would get. Nothing of it happened: no journey, message, coupon or
/// webhook was written or sent. Instants are UTC, each with the same instant in the contact's zone.
/// </summary>
public sealed record SimulationResult(
    string TimeZone, EntryCheck Entry, IReadOnlyList<SimulatedStep> Steps, IReadOnlyList<PathEdge> Path, SimulatedOutcome Outcome)
{
    /// <summary>When the goal event was reached within its window, if the scripted events reach it.</summary>
    public DateTime? GoalReachedAt { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>Whether the trigger and entry policy let the contact in at the start, and why.</summary>
public sealed record EntryCheck(bool Enters, string Reason);

/// <summary>A connection the journey followed: the activity, the port it left by, where that led.</summary>
public sealed record PathEdge(string Source, string Port, string Target);

/// <summary>How the journey ended (completed, exited, failed), or that it still waits when the simulation stopped.</summary>
public sealed record SimulatedOutcome(string Status, string? Reason, DateTime At, DateTimeOffset LocalAt);

/// <summary>One thing that happened on the way: an activity ran, a wait began, an event arrived.</summary>
/// <param name="Outcome">The port taken, or waiting / exited / completed / failed / event.</param>
public sealed record SimulatedStep(string ActivityId, string Type, string Outcome, DateTime At, DateTimeOffset LocalAt)
{
    public string? Detail { get; init; }

    /// <summary>A wait's wake-up time, when the step began a wait.</summary>
    public DateTime? Until { get; init; }

    public DateTimeOffset? LocalUntil { get; init; }

    public SimulatedMessage? Message { get; init; }
    public SimulatedCoupon? Coupon { get; init; }
    public SimulatedWebhook? Webhook { get; init; }
}

/// <summary>
/// A message a send step would queue: its copy rendered by the production renderer for this contact at that instant,
/// and what the dispatcher's guards would decide (<c>send</c>, <c>suppress</c>, <c>defer</c>, <c>expire</c>, <c>fail</c>).
/// </summary>
public sealed record SimulatedMessage(Channel Channel, string TemplateKey, string Verdict)
{
    public RenderedMessage? Rendered { get; init; }
    public SmsSegmentInfo? Sms { get; init; }

    /// <summary>Why the guards hold it back (consent, suppression, quiet hours, frequency cap, expiry), or why it cannot render.</summary>
    public string? Reason { get; init; }

    /// <summary>When it would leave: the step's instant, or the end of quiet hours.</summary>
    public DateTime? SendAt { get; init; }

    public DateTimeOffset? LocalSendAt { get; init; }

    /// <summary>The address it would go to on its channel.</summary>
    public string? To { get; init; }
}

/// <summary>A coupon an Issue coupon step would grant; the code is a sample, never stored or redeemable.</summary>
/// <param name="Simulated">Always true: says so to any reader of the JSON, as the console does beside the code.</param>
public sealed record SimulatedCoupon(string Code, string Campaign, string Value, DateTime ExpiresAt, bool Simulated = true);

/// <summary>What a webhook step would POST; nothing is called.</summary>
public sealed record SimulatedWebhook(string Url, JsonNode? Body);
