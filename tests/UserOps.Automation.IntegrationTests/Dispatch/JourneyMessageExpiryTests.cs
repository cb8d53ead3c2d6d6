using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows;

namespace UserOps.Automation.IntegrationTests.Dispatch;

/// <summary>A journey's send step gives its message an expiry, and the dispatcher expires rather than sends it late.</summary>
public sealed class JourneyMessageExpiryTests
{
    [Fact]
    public async Task SendStep_MessageNotOutWithinExpireAfter_IsExpiredAndNotSent_OneWithinItIsSent()
    {
        await using var harness = await DispatchHarness.CreateAsync();
        await harness.AddDefaultTemplatesAsync();
        var late = await harness.AddContactAsync(b => b.WithPhone("+14155550101").WithConsent(false, true, false));
        var onTime = await harness.AddContactAsync(b => b.WithPhone("+14155550102").WithConsent(false, true, false));
        var coupon = Step("""{ "id": "s", "type": "SendSms", "template": "hello-sms", "expireAfter": { "amount": 2, "unit": "hours" } }""", late, harness.Now);
        var reminder = Step("""{ "id": "r", "type": "SendSms", "template": "hello-sms" }""", onTime, harness.Now);
        Assert.Equal(harness.Now.AddHours(2), coupon.ExpiresAt);
        Assert.Equal(harness.Now.AddHours(24), reminder.ExpiresAt);
        await harness.EnqueueAsync(coupon);
        await harness.EnqueueAsync(reminder);

        // The dispatcher did not get to them for three hours (an outage, a backlog).
        harness.Time.Advance(TimeSpan.FromHours(3));
        var report = await harness.DispatchAsync();

        Assert.Equal((1, 1), (report.Expired, report.Sent));
        var expired = await harness.ReloadAsync(coupon);
        Assert.Equal((OutboxStatus.Expired, 0), (expired.Status, expired.Attempts));
        Assert.Empty(await harness.AttemptsAsync(coupon));
        Assert.Equal(OutboxStatus.Sent, (await harness.ReloadAsync(reminder)).Status);
    }

    [Fact]
    public void SendStep_WithoutExpireAfter_TakesTheConfiguredDefault()
    {
        var now = new DateTime(2026, 5, 1, 2, 0, 0, DateTimeKind.Utc);
        var contact = new Contact("c1", now);

        var configured = Step("""{ "id": "s", "type": "SendEmail", "template": "hello-email" }""", contact, now, TimeSpan.FromHours(6));

        Assert.Equal(now.AddHours(6), configured.ExpiresAt);
    }

    [Fact]
    public void ExpireAfter_MalformedDuration_IsAValidationProblemOfTheStep()
    {
        var definition = Definition("""{ "id": "s", "type": "SendPush", "template": "hello-push", "expireAfter": { "amount": -1, "unit": "hours" } }""", "s");

        var problem = Assert.Single(WorkflowValidator.Validate(definition, new WorkflowReferences(RuleCatalog.Empty)));

        Assert.Equal("s", problem.ActivityId);
        Assert.Contains("'expireAfter'", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>Runs the send step of a one-step workflow for the contact and returns the outbox row it writes.</summary>
    private static OutboxMessage Step(string send, Contact contact, DateTime now, TimeSpan? messageExpiry = null)
    {
        var id = send.Contains("\"id\": \"r\"", StringComparison.Ordinal) ? "r" : "s";
        var workflow = new ExecutableWorkflow(1, Definition(send, id), RuleCatalog.Empty);
        var journey = new Journey(1, "expiry-test", contact.Id, id, now);
        var effects = new JourneyEffects();
        ActivityExecutor.Execute(workflow, journey, contact, now, effects, messageExpiry);
        return Assert.Single(effects.Messages);
    }

    private static WorkflowDefinition Definition(string send, string sendId) => WorkflowJson.Parse($$"""
        { "definitionId": "expiry-test", "name": "expiry test", "root": {
            "activities": [ { "id": "t", "type": "ApiTrigger" }, {{send}} ],
            "connections": [ { "source": { "activity": "t", "port": "Done" }, "target": { "activity": "{{sendId}}", "port": "In" } } ] } }
        """);
}
