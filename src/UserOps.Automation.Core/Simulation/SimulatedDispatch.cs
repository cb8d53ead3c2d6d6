using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Dispatch;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Core.Workflows;

namespace UserOps.Automation.Core.Simulation;

/// <summary>
/// What the dispatcher would do with an outbox row the simulated journey queued: the same guards (consent, unsubscribe,
/// suppression, address, quiet hours, frequency cap against the contact's history and the simulated sends before it),
/// the same template resolution by locale and the same renderer. Nothing is sent.
/// </summary>
internal sealed class SimulatedDispatch(ITemplateStore templates, ITemplateRenderer renderer, SimulationInput input, TimeZoneInfo zone)
{
    private readonly DispatchGuard _guard = new(input.DispatchPolicy);
    private readonly List<DateTime> _sent = [];

    public async Task<SimulatedMessage> DispatchAsync(OutboxMessage row, Contact contact, CancellationToken cancellationToken)
    {
        var at = row.CreatedAt;
        var decision = Check(row, contact, at);

        // Quiet hours defer a row; the dispatcher checks it again when they end (the cap or its expiry may stop it then).
        DateTime? deferredUntil = null;
        for (var i = 0; i < 3 && decision.Verdict == GuardVerdict.Defer; i++)
        {
            at = decision.Until!.Value;
            deferredUntil = at;
            decision = Check(row, contact, at);
        }

        var template = await templates.ResolveAsync(row.TemplateKey, contact.Locale, cancellationToken);
        if (template is null || template.Channel != row.Channel)
        {
            var reason = template is null
                ? $"template '{row.TemplateKey}' not found"
                : $"template '{row.TemplateKey}' is a {template.Channel} template, the step sends {row.Channel}";
            return new SimulatedMessage(row.Channel, row.TemplateKey, "fail") { Reason = reason, To = DispatchGuard.AddressOf(contact, row.Channel) };
        }

        RenderedMessage? rendered = null;
        string? renderError = null;
        try
        {
            rendered = renderer.Render(template, MessageContexts.From(contact, row, row.Channel == Channel.Email ? input.UnsubscribeUrl : null));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The dispatcher fails such a row; the operator sees why instead of copy.
            renderError = $"template '{row.TemplateKey}' v{template.Version} does not render: {e.Message}";
        }

        var (verdict, why) = renderError is not null ? ("fail", renderError) : Verdict(decision);
        if (deferredUntil is { } until && verdict == "send")
        {
            (verdict, why) = ("defer", $"quiet hours: held until {SimulationTimes.Local(until, zone):yyyy-MM-dd HH:mm} local time, then sent");
        }
        else if (deferredUntil is not null && why is not null)
        {
            why = "after quiet hours, " + why;
        }

        if (verdict is "send" or "defer" && row.FrequencyCapped)
        {
            _sent.Add(at);
        }

        var leaves = verdict is "send" or "defer" ? at : (DateTime?)null;
        return new SimulatedMessage(row.Channel, row.TemplateKey, verdict)
        {
            Rendered = rendered,
            Sms = (rendered as RenderedSms)?.Segments,
            Reason = why,
            SendAt = leaves,
            LocalSendAt = leaves is { } l ? SimulationTimes.Local(l, zone) : null,
            To = DispatchGuard.AddressOf(contact, row.Channel),
        };
    }

    private GuardDecision Check(OutboxMessage row, Contact contact, DateTime at)
    {
        var windowStart = at - input.DispatchPolicy.FrequencyWindow;
        var capped = input.History.CappedSends.Count(s => s >= windowStart && s <= at) + _sent.Count(s => s >= windowStart && s <= at);
        return _guard.Check(row, contact, at, input.History.SuppressedChannels.Contains(row.Channel), capped);
    }

    private static (string Verdict, string? Reason) Verdict(GuardDecision decision) => decision.Verdict switch
    {
        GuardVerdict.Send => ("send", null),
        GuardVerdict.Defer => ("defer", $"{decision.Reason}: still held at {decision.Until:yyyy-MM-dd HH:mm} UTC"),
        GuardVerdict.Suppress => ("suppress", decision.Reason),
        GuardVerdict.Expire => ("expire", decision.Reason),
        _ => ("fail", decision.Reason),
    };
}

/// <summary>Instants as the contact's clock shows them.</summary>
internal static class SimulationTimes
{
    public static DateTimeOffset Local(DateTime utc, TimeZoneInfo zone)
    {
        var instant = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return TimeZoneInfo.ConvertTime(instant, zone);
    }
}
