namespace UserOps.Automation.Core.Workflows.Activities;

/// <summary>The palette: every activity type the engine runs, with its inputs and ports.</summary>
public static class ActivityTypes
{
    public const string SegmentEntered = "SegmentEntered";
    public const string EventReceived = "EventReceived";
    public const string Schedule = "Schedule";
    public const string ApiTrigger = "ApiTrigger";
    public const string If = "If";
    public const string Switch = "Switch";
    public const string RandomSplit = "RandomSplit";
    public const string Delay = "Delay";
    public const string WaitUntil = "WaitUntil";
    public const string WaitForEvent = "WaitForEvent";
    public const string End = "End";
    public const string SendEmail = "SendEmail";
    public const string SendSms = "SendSms";
    public const string SendPush = "SendPush";
    public const string IssueCoupon = "IssueCoupon";
    public const string UpdateContact = "UpdateContact";
    public const string Webhook = "Webhook";

    private static readonly string[] Done = ["Done"];

    public static IReadOnlyDictionary<string, ActivityDescriptor> All { get; } = new[]
    {
        new ActivityDescriptor(SegmentEntered, ActivityKind.Trigger, "Segment entered", "A contact enters when it enters the segment.",
            [new("segment", InputKind.Segment, true, "The segment whose new members enter.")], Done),
        new ActivityDescriptor(EventReceived, ActivityKind.Trigger, "Event", "A contact enters when it sends the named event.",
            [new("event", InputKind.Text, true, "Event name, e.g. purchase."), new("rule", InputKind.Rule, false, "Optional rule over contact and event.")], Done),
        new ActivityDescriptor(Schedule, ActivityKind.Trigger, "Schedule (blast)", "Every member of a segment enters at a set time.",
            [
                new("segment", InputKind.Segment, true, "The audience."),
                new("cron", InputKind.Cron, false, "Quartz cron, for a recurring send."),
                new("at", InputKind.LocalDateTime, false, "A single local date and time, e.g. 2027-05-01T09:00."),
                new("timeZone", InputKind.TimeZone, true, "IANA zone of cron / at, e.g. Asia/Shanghai."),
            ], Done),
        new ActivityDescriptor(ApiTrigger, ActivityKind.Trigger, "API", "Contacts are enrolled by an API call.", [], Done),
        new ActivityDescriptor(If, ActivityKind.Flow, "If", "Goes True or False by a rule.",
            [new("rule", InputKind.Rule, true, "Rule over the contact (and the triggering event).")], ["True", "False"]),
        new ActivityDescriptor(Switch, ActivityKind.Flow, "Switch", "The first case whose rule holds, else Default.",
            [new("cases", InputKind.Cases, true, "Ordered [{ port, rule }].")], []),
        new ActivityDescriptor(RandomSplit, ActivityKind.Flow, "Random split", "Weighted A/B/n split with a holdout; the same contact always lands in the same branch.",
            [
                new("branches", InputKind.Branches, true, "[{ port, weight }]; weights and holdout add up to 100."),
                new("holdout", InputKind.Percent, false, "Share (0-100) left out to measure the workflow; their journey ends here."),
            ], []),
        new ActivityDescriptor(Delay, ActivityKind.Wait, "Delay", "Waits a duration.",
            [new("duration", InputKind.Duration, true, "{ amount, unit: minutes|hours|days|weeks }.")], Done),
        new ActivityDescriptor(WaitUntil, ActivityKind.Wait, "Wait until", "Waits until a date, or the next local time of day in the contact's zone.",
            [
                new("timeOfDay", InputKind.TimeOfDay, false, "HH:mm in the contact's own zone, e.g. 10:00."),
                new("dayOffset", InputKind.Days, false, "With timeOfDay: absent = the next time the clock shows it; 1 = that time tomorrow (local), 2 = the day after."),
                new("at", InputKind.LocalDateTime, false, "A local date and time."),
                new("timeZone", InputKind.TimeZone, false, "Zone of 'at' (default: the contact's)."),
            ], Done),
        new ActivityDescriptor(WaitForEvent, ActivityKind.Wait, "Wait for event", "Waits for an event, up to a timeout.",
            [
                new("event", InputKind.Text, true, "Event name."),
                new("rule", InputKind.Rule, false, "Optional rule over contact and event."),
                new("timeout", InputKind.Duration, false, "How long to wait, or:"),
                new("untilTimeOfDay", InputKind.TimeOfDay, false, "wait until the next HH:mm in the contact's zone."),
                new("dayOffset", InputKind.Days, false, "With untilTimeOfDay: 1 = that time tomorrow (local), as for Wait until."),
            ], ["Received", "TimedOut"]),
        new ActivityDescriptor(End, ActivityKind.Flow, "End", "Ends the journey.", [], []),
        new ActivityDescriptor(SendEmail, ActivityKind.Action, "Send email", "Queues an email from a template.",
            [new("template", InputKind.Template, true, "Template key."), ExpireAfter], Done),
        new ActivityDescriptor(SendSms, ActivityKind.Action, "Send SMS", "Queues an SMS from a template.",
            [new("template", InputKind.Template, true, "Template key."), ExpireAfter], Done),
        new ActivityDescriptor(SendPush, ActivityKind.Action, "Send push", "Queues a push from a template.",
            [new("template", InputKind.Template, true, "Template key."), ExpireAfter], Done),
        new ActivityDescriptor(IssueCoupon, ActivityKind.Action, "Issue coupon", "Issues a unique coupon code that expires.",
            [
                new("campaign", InputKind.Text, true, "Coupon campaign key, e.g. mayday-10."),
                new("value", InputKind.Text, true, "What it is worth, e.g. 10% or 20.00."),
                new("validFor", InputKind.Duration, true, "Expiry after issue, e.g. { amount: 7, unit: days }."),
            ], Done),
        new ActivityDescriptor(UpdateContact, ActivityKind.Action, "Update contact", "Sets attributes, adds or removes tags.",
            [
                new("setAttributes", InputKind.Attributes, false, "{ name: value }."),
                new("addTags", InputKind.Tags, false, "Tags to add."),
                new("removeTags", InputKind.Tags, false, "Tags to remove."),
            ], Done),
        new ActivityDescriptor(Webhook, ActivityKind.Action, "Webhook", "POSTs the contact and journey to a URL, with retries.",
            [new("url", InputKind.Url, true, "Absolute http(s) URL."), new("payload", InputKind.Json, false, "Extra JSON merged into the body.")], Done),
    }.ToDictionary(d => d.Type, StringComparer.Ordinal);

    public static bool IsWait(string type) => All.TryGetValue(type, out var d) && d.Kind == ActivityKind.Wait;

    /// <summary>A send step's message is expired rather than sent late (quiet hours, an outage, a rate backlog).</summary>
    private static InputDescriptor ExpireAfter => new("expireAfter", InputKind.Duration, false,
        "Not sent if it cannot go out within this long of the step; default Dispatch:JourneyMessageExpiryHours (24 h).");

    public static bool IsSend(string type) => type is SendEmail or SendSms or SendPush;
}
