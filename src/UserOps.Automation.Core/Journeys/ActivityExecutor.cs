using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Coupons;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Core.Workflows.Activities;

namespace UserOps.Automation.Core.Journeys;

/// <summary>
/// Runs the current activity of one journey and moves it on. Pure: it decides, and records what is to be
/// written (steps, messages, coupons, webhooks) in <see cref="JourneyEffects"/>; the store writes it all
/// for the whole batch in one transaction.
/// </summary>
public static class ActivityExecutor
{
    public const string HoldoutVariant = "holdout";

    /// <summary>How long after its step a journey's message may still go out when the step names no <c>expireAfter</c>.</summary>
    public static readonly TimeSpan DefaultMessageExpiry = TimeSpan.FromHours(24);

    /// <param name="contact">The journey's contact; may be null only when the workflow does not <see cref="ExecutableWorkflow.ReadsContacts"/>.</param>
    /// <param name="messageExpiry">Default expiry of send steps (configuration); <see cref="DefaultMessageExpiry"/> when null.</param>
    public static void Execute(ExecutableWorkflow workflow, Journey journey, Contact? contact, DateTime now, JourneyEffects effects, TimeSpan? messageExpiry = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(effects);
        if (contact is null && workflow.ReadsContacts)
        {
            throw new ArgumentNullException(nameof(contact), $"Workflow '{workflow.DefinitionId}' reads contacts; journey {journey.Id} was given none.");
        }

        var node = workflow.Activity(journey.ActivityId);
        var facts = new Lazy<ContactFacts>(() => ContactFacts.From(contact!, now));
        var triggerEvent = EventFacts.FromJson(journey.TriggerEvent);

        if (workflow.ExitRule is { } exit && exit.Evaluate(facts.Value))
        {
            Finish(journey, node, now, effects, exited: $"exit rule '{exit.Name}' holds");
            return;
        }

        switch (node.Type)
        {
            case ActivityTypes.If:
                var rule = workflow.Rules.Get(ActivityInputs.RequiredText(node, "rule"));
                Take(workflow, journey, node, rule.Evaluate(facts.Value, triggerEvent) ? "True" : "False", now, effects);
                break;
            case ActivityTypes.Switch:
                var match = ActivityInputs.Cases(node).FirstOrDefault(c => workflow.Rules.Get(c.Rule).Evaluate(facts.Value, triggerEvent));
                Take(workflow, journey, node, match?.Port ?? "Default", now, effects);
                break;
            case ActivityTypes.RandomSplit:
                Split(workflow, journey, node, now, effects);
                break;
            case ActivityTypes.Delay:
            case ActivityTypes.WaitUntil:
            case ActivityTypes.WaitForEvent:
                Wait(workflow, journey, node, contact, now, effects);
                break;
            case ActivityTypes.End:
                Finish(journey, node, now, effects, exited: null);
                break;
            case ActivityTypes.SendEmail:
            case ActivityTypes.SendSms:
            case ActivityTypes.SendPush:
                effects.Messages.Add(new OutboxMessage(IdempotencyKey(journey), journey.ContactId, ChannelOf(node.Type), ActivityInputs.RequiredText(node, "template"), now)
                {
                    JourneyId = journey.Id,
                    WorkflowVersionId = journey.WorkflowVersionId,
                    DefinitionId = journey.DefinitionId,
                    ActivityId = node.Id,
                    DataJson = MessageData(journey),
                    FrequencyCapped = workflow.Definition.Settings.FrequencyCapped,

                    // A message that could not go out in time (quiet hours, an outage, a backlog) is expired, not sent late.
                    ExpiresAt = now + (ActivityInputs.Duration(node, "expireAfter") ?? messageExpiry ?? DefaultMessageExpiry),
                });
                Take(workflow, journey, node, "Done", now, effects);
                break;
            case ActivityTypes.IssueCoupon:
                IssueCoupon(journey, node, now, effects);
                Take(workflow, journey, node, "Done", now, effects);
                break;
            case ActivityTypes.UpdateContact:
                UpdateContact(node, contact!, now);
                effects.ChangedContacts.Add(contact!);
                Take(workflow, journey, node, "Done", now, effects);
                break;
            case ActivityTypes.Webhook:
                var payload = new JsonObject
                {
                    ["workflow"] = journey.DefinitionId,
                    ["journeyId"] = journey.Id,
                    ["activity"] = node.Id,
                    ["contact"] = new JsonObject { ["externalId"] = contact!.ExternalId, ["email"] = contact.Email, ["phone"] = contact.Phone },
                    ["variables"] = journey.Variables.DeepClone(),
                };
                if (node.Input("payload") is { ValueKind: JsonValueKind.Object } extra)
                {
                    payload["payload"] = JsonNode.Parse(extra.GetRawText());
                }

                effects.Webhooks.Add(new WebhookDelivery(IdempotencyKey(journey), ActivityInputs.RequiredText(node, "url"), payload.ToJsonString(), now));
                Take(workflow, journey, node, "Done", now, effects);
                break;
            default:
                Finish(journey, node, now, effects, exited: null, failed: $"activity type '{node.Type}' cannot run inside a journey");
                break;
        }
    }

    /// <summary>The idempotency key of whatever the current step writes: the same on every retry of this step, different on any other.</summary>
    public static string IdempotencyKey(Journey journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        return $"j{journey.Id}:{journey.ActivityId}:{journey.Step}";
    }

    /// <summary>A number in [0, 100) fixed for a contact, workflow and split, so a contact always lands in the same branch.</summary>
    public static double Bucket(string definitionId, string activityId, long contactId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{definitionId}:{activityId}:{contactId}"));
        return BitConverter.ToUInt64(hash, 0) / (ulong.MaxValue + 1.0) * 100;
    }

    private static void Take(ExecutableWorkflow workflow, Journey journey, ActivityNode node, string port, DateTime now, JourneyEffects effects)
    {
        effects.Steps.Add(new JourneyStep(journey, node.Id, port, now));
        if (workflow.Next(node.Id, port) is { } next)
        {
            journey.MoveTo(next, now);
        }
        else
        {
            journey.Complete(now, $"port '{port}' of '{node.Id}' leads nowhere");
        }
    }

    private static void Finish(Journey journey, ActivityNode node, DateTime now, JourneyEffects effects, string? exited, string? failed = null)
    {
        var outcome = failed is not null ? "failed" : exited is not null ? "exited" : "completed";
        effects.Steps.Add(new JourneyStep(journey, node.Id, outcome, now, failed ?? exited));
        if (failed is not null)
        {
            journey.Fail(failed, now);
        }
        else if (exited is not null)
        {
            journey.Exit(exited, now);
        }
        else
        {
            journey.Complete(now);
        }
    }

    private static void Split(ExecutableWorkflow workflow, Journey journey, ActivityNode node, DateTime now, JourneyEffects effects)
    {
        var bucket = Bucket(journey.DefinitionId, node.Id, journey.ContactId);
        var holdout = ActivityInputs.Percent(node, "holdout") ?? 0;
        if (bucket < holdout)
        {
            journey.AssignVariant(HoldoutVariant);
            Finish(journey, node, now, effects, exited: "held out");
            return;
        }

        var cumulative = holdout;
        var branches = ActivityInputs.Branches(node);
        var chosen = branches[^1].Port;
        foreach (var branch in branches)
        {
            cumulative += branch.Weight;
            if (bucket < cumulative)
            {
                chosen = branch.Port;
                break;
            }
        }

        journey.AssignVariant(chosen);
        Take(workflow, journey, node, chosen, now, effects);
    }

    private static void Wait(ExecutableWorkflow workflow, Journey journey, ActivityNode node, Contact? contact, DateTime now, JourneyEffects effects)
    {
        if (journey.Status == JourneyStatus.Waiting)
        {
            // Woken: early by an awaited event (ResumePort), or because the time came.
            var port = journey.ResumePort ?? (node.Type == ActivityTypes.WaitForEvent ? "TimedOut" : "Done");
            Take(workflow, journey, node, port, now, effects);
            return;
        }

        // A Delay needs no contact (and a Delay-only workflow loads none); the other waits read its zone.
        TimeZoneInfo Zone() => TimeZones.Find(contact!.TimeZone) ?? workflow.DefaultZone;
        DateTime until;
        string? awaited = null;
        switch (node.Type)
        {
            case ActivityTypes.Delay:
                until = now + ActivityInputs.Duration(node, "duration")!.Value;
                break;
            case ActivityTypes.WaitUntil when ActivityInputs.TimeOfDay(node, "timeOfDay") is { } timeOfDay:
                until = TimeZones.NextLocalTime(now, timeOfDay, Zone(), ActivityInputs.Days(node, "dayOffset"));
                break;
            case ActivityTypes.WaitUntil:
                until = TimeZones.ToUtc(ActivityInputs.LocalDateTime(node, "at")!.Value, ActivityInputs.Zone(node, "timeZone") ?? Zone());
                if (until <= now)
                {
                    Take(workflow, journey, node, "Done", now, effects);
                    return;
                }

                break;
            default:
                until = ActivityInputs.Duration(node, "timeout") is { } timeout
                    ? now + timeout
                    : TimeZones.NextLocalTime(now, ActivityInputs.TimeOfDay(node, "untilTimeOfDay")!.Value, Zone(), ActivityInputs.Days(node, "dayOffset"));
                awaited = ActivityInputs.RequiredText(node, "event");
                break;
        }

        effects.Steps.Add(new JourneyStep(journey, node.Id, "waiting", now, $"until {until:O}"));
        journey.Park(until, awaited, now);
    }

    private static void IssueCoupon(Journey journey, ActivityNode node, DateTime now, JourneyEffects effects)
    {
        var campaign = ActivityInputs.RequiredText(node, "campaign");
        var value = ActivityInputs.RequiredText(node, "value");
        var expires = now + ActivityInputs.Duration(node, "validFor")!.Value;
        var coupon = new Coupon(CouponCode(), campaign, value, journey.ContactId, IdempotencyKey(journey), now, expires) { JourneyId = journey.Id };
        effects.Coupons.Add(coupon);
        journey.SetVariable("coupon", new JsonObject
        {
            ["code"] = coupon.Code,
            ["campaign"] = campaign,
            ["value"] = value,
            ["expiresAt"] = expires.ToString("O"),
        });
    }

    private static void UpdateContact(ActivityNode node, Contact contact, DateTime now)
    {
        foreach (var (name, value) in ActivityInputs.Attributes(node, "setAttributes"))
        {
            contact.Attributes[name] = JsonNode.Parse(value.GetRawText());
        }

        foreach (var tag in ActivityInputs.Tags(node, "addTags"))
        {
            contact.AddTag(tag);
        }

        foreach (var tag in ActivityInputs.Tags(node, "removeTags"))
        {
            contact.RemoveTag(tag);
        }

        contact.Touch(now);
    }

    /// <summary>
    /// <c>{"variables": …, "event": …}</c> written from the trees' text: the same JSON as a tree holding deep copies of both,
    /// without the copies, and serialised once instead of copied, then serialised as the message's data (ADR 0021).
    /// </summary>
    private static string MessageData(Journey journey)
    {
        var variables = journey.Variables.ToJsonString();
        return journey.TriggerEvent is { } trigger
            ? string.Concat("{\"variables\":", variables, ",\"event\":", trigger.ToJsonString(), "}")
            : string.Concat("{\"variables\":", variables, "}");
    }

    private static Channel ChannelOf(string type) => type switch
    {
        ActivityTypes.SendEmail => Channel.Email,
        ActivityTypes.SendSms => Channel.Sms,
        _ => Channel.Push,
    };

    private static string CouponCode()
    {
        // No 0/O or 1/I: codes are read aloud and typed by hand.
        return RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 10);
    }
}
