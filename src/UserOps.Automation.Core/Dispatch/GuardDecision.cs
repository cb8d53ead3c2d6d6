namespace UserOps.Automation.Core.Dispatch;

/// <summary>What the guards decided for one outbox row; every refusal carries its reason.</summary>
public sealed record GuardDecision(GuardVerdict Verdict, string? Reason = null, DateTime? Until = null)
{
    public static GuardDecision Send { get; } = new(GuardVerdict.Send);

    public static GuardDecision Suppress(string reason) => new(GuardVerdict.Suppress, reason);

    public static GuardDecision Defer(DateTime until, string reason) => new(GuardVerdict.Defer, reason, until);

    public static GuardDecision Expire(string reason) => new(GuardVerdict.Expire, reason);

    public static GuardDecision Fail(string reason) => new(GuardVerdict.Fail, reason);
}

public enum GuardVerdict
{
    Send,
    Suppress,
    Defer,
    Expire,

    /// <summary>Nothing to send with (no address, no template): not a protection, a fault the operator must see.</summary>
    Fail,
}
