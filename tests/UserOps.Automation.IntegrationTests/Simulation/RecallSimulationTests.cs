using System.Net;
using System.Text.Json.Nodes;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.IntegrationTests.Simulation;

/// <summary>The shipped 7/15/30 recall simulated through the API for described contacts: the path, the copy and the instants.</summary>
public sealed class RecallSimulationTests(SimulationHost host) : IClassFixture<SimulationHost>
{
    private static readonly DateTime Start = SimulationHost.Start;

    private static object Inactive(string locale = "en", string zone = "Europe/Paris", int days = 7) => new
    {
        firstName = locale == "zh-CN" ? "小红" : "Alice",
        email = "alice@example.com",
        phone = "+33612345678",
        locale,
        timeZone = zone,
        daysSinceLastActive = days,
        daysSinceSignup = 120,
        visits = 4,
    };

    [Fact]
    public async Task InactiveContact_GetsPushThenSmsThenCouponEmail_WithRenderedCopyAtTheRightInstants()
    {
        var (status, result) = await host.SimulateAsync(new { definition = SimulationHost.Workflow("inactivity-recall.json"), contact = Inactive(), startAt = Start });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(result["entry"]!["enters"]!.GetValue<bool>());
        var steps = result["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
        Assert.Equal(
            ["inactive-7d:Done", "push-7d:Done", "wait-to-15d:waiting", "wait-to-15d:Done", "still-away-15d:True", "sms-15d:Done", "wait-to-30d:waiting",
             "wait-to-30d:Done", "still-away-30d:True", "coupon-30d:Done", "email-30d:Done", "done:completed"],
            steps.Select(s => $"{s["activityId"]}:{s["outcome"]}"));

        var sent = steps.Where(s => s["message"] is not null).Select(s => s["message"]!.AsObject()).ToList();
        Assert.Equal(["Push", "Sms", "Email"], sent.Select(m => m["channel"]!.GetValue<string>()));
        Assert.All(sent, m => Assert.Equal("send", m["verdict"]!.GetValue<string>()));
        Assert.Equal([Start, Start.AddDays(8), Start.AddDays(23)], sent.Select(m => m["sendAt"]!.GetValue<DateTime>().ToUniversalTime()));

        // Shown in the contact's zone: Paris in winter is UTC+1.
        Assert.Equal("Europe/Paris", result["timeZone"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2027, 3, 9, 10, 0, 0, TimeSpan.FromHours(1)), sent[1]["localSendAt"]!.GetValue<DateTimeOffset>());
        Assert.EndsWith("+01:00", sent[1]["localSendAt"]!.GetValue<string>(), StringComparison.Ordinal);

        var push = sent[0]["rendered"]!;
        Assert.Equal("push", push["kind"]!.GetValue<string>());
        Assert.StartsWith("Alice, new picks", push["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Hi Alice", sent[1]["rendered"]!["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Gsm7", sent[1]["sms"]!["encoding"]!.GetValue<string>());

        // The coupon is a sample, marked as such, and the email carries that very code.
        var coupon = steps.Single(s => s["activityId"]!.GetValue<string>() == "coupon-30d")["coupon"]!;
        Assert.True(coupon["simulated"]!.GetValue<bool>());
        var email = sent[2]["rendered"]!;
        Assert.False(string.IsNullOrWhiteSpace(email["subject"]!.GetValue<string>()));
        Assert.Contains(coupon["code"]!.GetValue<string>(), email["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(coupon["code"]!.GetValue<string>(), email["text"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal("Completed", result["outcome"]!["status"]!.GetValue<string>());
        var path = result["path"]!.AsArray().Select(e => $"{e!["source"]}-{e["port"]}->{e["target"]}").ToList();
        Assert.Contains("still-away-15d-True->sms-15d", path);
        Assert.DoesNotContain("still-away-15d-False->done", path);
    }

    [Fact]
    public async Task ContactActiveAgain_ExitsByTheExitRule_AfterOnlyThePush()
    {
        var (status, result) = await host.SimulateAsync(new
        {
            definition = SimulationHost.Workflow("inactivity-recall.json"),
            contact = Inactive(),
            startAt = Start,
            events = new[] { new { name = "visit", after = SimulationHost.After(3, "days") } },
        });

        Assert.Equal(HttpStatusCode.OK, status);
        var outcome = result["outcome"]!;
        Assert.Equal("Exited", outcome["status"]!.GetValue<string>());
        Assert.Contains("active-again", outcome["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(Start.AddDays(3), outcome["at"]!.GetValue<DateTime>().ToUniversalTime());
        var messages = result["steps"]!.AsArray().Where(s => s!["message"] is not null).ToList();
        Assert.Equal("recall-push-7d", Assert.Single(messages)!["message"]!["templateKey"]!.GetValue<string>());
        var last = result["steps"]!.AsArray()[^1]!;
        Assert.Equal(("wait-to-15d", "exited"), (last["activityId"]!.GetValue<string>(), last["outcome"]!.GetValue<string>()));

        // The visit is the goal event (within 30 days): reached on day 3.
        Assert.Equal(Start.AddDays(3), result["goalReachedAt"]!.GetValue<DateTime>().ToUniversalTime());
    }

    [Fact]
    public async Task ChineseContact_GetsTheZhCnCopy_AndAnSmsCountedInUcs2()
    {
        var (status, result) = await host.SimulateAsync(new
        {
            definition = SimulationHost.Workflow("inactivity-recall.json"),
            contact = Inactive("zh-CN", "Asia/Shanghai"),
            startAt = Start, // 17:00 in Shanghai
        });

        Assert.Equal(HttpStatusCode.OK, status);
        var sms = result["steps"]!.AsArray().Select(s => s!["message"]).Single(m => m?["channel"]?.GetValue<string>() == "Sms")!;
        var body = sms["rendered"]!["body"]!.GetValue<string>();
        Assert.Equal("zh-CN", sms["rendered"]!["locale"]!.GetValue<string>());
        Assert.StartsWith("小红，您收藏的商品", body, StringComparison.Ordinal);
        Assert.Equal("Ucs2", sms["sms"]!["encoding"]!.GetValue<string>());
        Assert.Equal(SmsSegments.Measure(body).Segments, sms["sms"]!["segments"]!.GetValue<int>());
        Assert.Equal(70 - body.Length, sms["sms"]!["remainingInLastSegment"]!.GetValue<int>()); // one UCS-2 part of 70 code units
        Assert.EndsWith("+08:00", sms["localSendAt"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("小红，有新内容", result["steps"]!.AsArray()[1]!["message"]!["rendered"]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LateEveningStart_DefersThePushToTheEndOfQuietHours_InTheContactsZone()
    {
        // 15:00 UTC is 23:00 in Shanghai: inside the default quiet hours 21:00–09:00.
        var (_, result) = await host.SimulateAsync(new
        {
            definition = SimulationHost.Workflow("inactivity-recall.json"),
            contact = Inactive("zh-CN", "Asia/Shanghai"),
            startAt = Start.AddHours(6),
        });

        var push = result["steps"]!.AsArray()[1]!["message"]!;
        Assert.Equal("defer", push["verdict"]!.GetValue<string>());
        Assert.Contains("quiet hours", push["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2027, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)), push["localSendAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task WithoutSmsConsent_TheSmsWouldBeSuppressed_AndThePathGoesOn()
    {
        var contact = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Inactive()))!.AsObject();
        contact["consentSms"] = false;
        var (_, result) = await host.SimulateAsync(new { definition = SimulationHost.Workflow("inactivity-recall.json"), contact, startAt = Start });

        var sms = result["steps"]!.AsArray().Select(s => s!["message"]).Single(m => m?["channel"]?.GetValue<string>() == "Sms")!;
        Assert.Equal("suppress", sms["verdict"]!.GetValue<string>());
        Assert.Equal("no sms consent", sms["reason"]!.GetValue<string>());
        Assert.NotNull(sms["rendered"]); // the copy is still shown
        Assert.Equal("Completed", result["outcome"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task RecentlyActiveContact_DoesNotEnter_UnlessAskedToRunAnyway()
    {
        var notIn = await host.SimulateAsync(new { definition = SimulationHost.Workflow("inactivity-recall.json"), contact = Inactive(days: 2), startAt = Start });
        Assert.Equal("NotEntered", notIn.Body["outcome"]!["status"]!.GetValue<string>());
        Assert.Contains("not in segment 'inactive-7d'", notIn.Body["entry"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        // Run anyway: the exit rule (active in the last 7 days) holds at once, before the push.
        var anyway = await host.SimulateAsync(new { definition = SimulationHost.Workflow("inactivity-recall.json"), contact = Inactive(days: 2), startAt = Start, ignoreEntry = true });
        Assert.Equal("Exited", anyway.Body["outcome"]!["status"]!.GetValue<string>());
        Assert.Single(anyway.Body["notes"]!.AsArray());
    }
}
