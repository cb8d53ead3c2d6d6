using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Coupons;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Infrastructure.Reporting;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Reporting;

/// <summary>
/// A small world with known answers, over two days (June 1 and 2, 2025) plus the day before and after: messages of
/// every status on each channel, journeys of two recall workflows (one found by its id, one by its trigger's
/// inactivity segment) and of onboarding, treated and held out, and coupons issued and redeemed.
/// </summary>
internal static class DashboardSeed
{
    public static readonly DateTime Day1 = new(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Day2 = Day1.AddDays(1);
    public static readonly DateTime Now = Day1.AddDays(2).AddHours(12);

    public static DashboardQuery Query(TestDatabase database) =>
        new(database.Factory, new RecallWorkflows(RuleCatalog.Load(RepositoryRoot.Combine("rules"))), new FakeTimeProvider(new DateTimeOffset(Now)));

    public static async Task SeedAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var contacts = Enumerable.Range(1, 8).Select(i =>
        {
            var builder = new ContactBuilder($"dash-{i}", Day1.AddDays(-30)).ActiveAt(Day1.AddDays(-12));
            return i switch
            {
                1 => builder.ActiveAt(Day2.AddHours(7)).Build(),
                5 => builder.ActiveAt(Day2.AddHours(20)).Build(),
                _ => builder.Build(),
            };
        }).ToArray();
        db.Contacts.AddRange(contacts);
        db.Segments.Add(new Segment("dash-inactive", "Inactive a week", "inactive-7d", Day1.AddDays(-30)));
        var recall = Version("inactivity-recall.json", null);
        var winback = Version("inactivity-recall.json", "winback-dash", segment: "dash-inactive");
        var onboarding = Version("new-user-onboarding.json", null);
        db.WorkflowVersions.AddRange(recall, winback, onboarding);
        await db.SaveChangesAsync();

        long C(int i) => contacts[i - 1].Id;
        var n = 0;
        void Message(int contact, Channel channel, DateTime at, Action<OutboxMessage>? outcome)
        {
            var message = new OutboxMessage($"dash-{n++}", C(contact), channel, "t", at);
            outcome?.Invoke(message);
            db.OutboxMessages.Add(message);
        }

        var d1 = Day1.AddHours(10);
        Message(1, Channel.Email, d1, m => m.Sent("p1", d1));
        Message(2, Channel.Email, d1, m => m.Sent("p2", d1));
        Message(3, Channel.Email, d1, m => { m.Sent("p3", d1); m.Delivered(d1); });
        Message(4, Channel.Email, d1, m => m.Fail("bounced"));
        Message(1, Channel.Sms, d1, m => m.Suppress("no consent"));
        Message(2, Channel.Sms, d1, m => m.Expire("too late"));
        Message(3, Channel.Push, d1, null);
        var d2 = Day2.AddHours(15);
        Message(4, Channel.Email, d2, m => { m.Sent("p4", d2); m.Delivered(d2); });
        Message(5, Channel.Sms, d2, m => m.Sent("p5", d2));
        Message(6, Channel.Sms, d2, m => m.Sent("p6", d2));
        var before = Day1.AddHours(-15);
        Message(7, Channel.Email, before, m => m.Fail("bounced"));
        Message(8, Channel.Email, before, m => m.Sent("p7", before));
        Message(8, Channel.Email, Day2.AddDays(1).AddHours(1), m => m.Sent("p8", Day2.AddDays(1).AddHours(1)));

        Journey J(WorkflowVersion v, int contact, DateTime entered) =>
            db.Journeys.Add(new Journey(v.Id, v.DefinitionId, C(contact), "first", entered)).Entity;
        J(recall, 1, Day1.AddHours(8));
        J(recall, 2, Day1.AddHours(9)).Complete(Day2.AddHours(10));
        var j3 = J(recall, 3, Day1.AddHours(9));
        j3.AssignVariant("holdout");
        j3.Exit("held out", Day1.AddHours(9));
        J(winback, 4, Day2.AddHours(8)).ReachGoal(Day2.AddHours(12));
        var j5 = J(winback, 5, Day2.AddHours(9));
        j5.AssignVariant("holdout");
        j5.Exit("held out", Day2.AddHours(9));
        J(onboarding, 6, Day1.AddHours(12));
        J(recall, 7, Day1.AddHours(-14)).Complete(Day1.AddHours(20));
        J(recall, 8, Day2.AddDays(1).AddHours(2));

        Coupon K(string code, string campaign, int contact, DateTime issued, DateTime expires) =>
            db.Coupons.Add(new Coupon(code, campaign, "20%", C(contact), code, issued, expires)).Entity;
        K("dash-k1", "recall-30", 1, Day1.AddHours(10), Day1.AddDays(7)).Redeem(Day2.AddHours(11));
        K("dash-k2", "recall-30", 2, Day1.AddHours(11), Day2.AddHours(11));
        K("dash-k3", "mayday", 3, Day2.AddHours(10), Day2.AddDays(7));
        K("dash-k4", "mayday", 4, Day1.AddHours(-20), Day1.AddDays(5)).Redeem(Day1.AddHours(9));
        await db.SaveChangesAsync();
    }

    private static WorkflowVersion Version(string file, string? definitionId, string? segment = null)
    {
        var definition = WorkflowJson.Parse(File.ReadAllText(RepositoryRoot.Combine("workflows", file)));
        if (definitionId is not null)
        {
            var trigger = definition.Root.Activities[0];
            var inputs = new Dictionary<string, JsonElement>(trigger.Inputs) { ["segment"] = JsonSerializer.SerializeToElement(segment) };
            definition = definition with
            {
                DefinitionId = definitionId,
                Name = "Win back",
                Root = definition.Root with { Activities = [trigger with { Inputs = inputs }, .. definition.Root.Activities.Skip(1)] },
            };
        }

        return new WorkflowVersion(definition, Day1.AddDays(-30));
    }
}
