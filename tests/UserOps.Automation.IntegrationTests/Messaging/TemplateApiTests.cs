using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.IntegrationTests.Hosting;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.IntegrationTests.Messaging;

/// <summary>The template API on a real host and a real SQLite file, with the shipped templates seeded.</summary>
public sealed class TemplateApiTests : IAsyncLifetime
{
    private KeyedHost _host = null!;

    private WebApplication _app => _host.App;

    private HttpClient _http => _host.Http;

    public async Task InitializeAsync() => _host = await KeyedHost.StartAsync("templates");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ShippedTemplates_AreSeeded_WithAFirstVersion()
    {
        var detail = await _http.GetFromJsonAsync<JsonObject>("/api/templates/recall-email-30d-coupon/zh-CN");

        Assert.Equal("Email", detail!["template"]!["channel"]!.GetValue<string>());
        Assert.Single(detail["versions"]!.AsArray());
    }

    [Fact]
    public async Task Update_MakesNewVersion_AndKeepsTheOld()
    {
        var response = await _http.PutAsJsonAsync("/api/templates/recall-sms-15d/en", new { content = new { smsBody = "Hi {{ contact.first_name }}, come back!" } });
        response.EnsureSuccessStatusCode();

        var detail = await _http.GetFromJsonAsync<JsonObject>("/api/templates/recall-sms-15d/en");
        Assert.Equal(2, detail!["template"]!["version"]!.GetValue<int>());
        Assert.Equal([2, 1], detail["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Update_WithSyntaxError_IsProblemNamingFieldLineAndColumn()
    {
        var response = await _http.PutAsJsonAsync("/api/templates/recall-sms-15d/en", new { content = new { smsBody = "Hi\n{{ contact.first_name }" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("(2:", problem!["errors"]!["smsBody"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_InlineChineseContact_FormatsCouponExpiryInTheirZone()
    {
        var response = await _http.PostAsJsonAsync("/api/templates/mayday-coupon-sms/zh-CN/preview", new
        {
            contact = new { firstName = "小明", locale = "zh-CN", timeZone = "Asia/Shanghai" },
            coupon = new { code = "MAY51", value = "20元", expiresAt = new DateTime(2026, 5, 5, 16, 0, 0, DateTimeKind.Utc) },
        });
        response.EnsureSuccessStatusCode();

        var preview = await response.Content.ReadFromJsonAsync<JsonObject>();
        var body = preview!["message"]!["body"]!.GetValue<string>();
        Assert.Contains("5月6日前有效", body, StringComparison.Ordinal); // 16:00 UTC is already the 6th in Shanghai
        Assert.Equal("ucs2", preview["sms"]!["encoding"]!.GetValue<string>().ToLowerInvariant());
    }

    [Fact]
    public async Task TestSend_InCaptureMode_StoresTheMessage()
    {
        var response = await _http.PostAsJsonAsync("/api/templates/onboarding-welcome-email/en/test-send", new { to = "operator@example.com" });
        response.EnsureSuccessStatusCode();

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AutomationDb>();
        var captured = await db.CapturedMessages.SingleAsync(m => m.Recipient == "operator@example.com");
        Assert.StartsWith("[TEST] Welcome", captured.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewDraft_RendersUnsavedCopy_ForAStoredContact()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AutomationDb>();
            db.Contacts.Add(new Core.Contacts.Contact("draft-preview-1", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)) { FirstName = "Nadia", Locale = "en" });
            await db.SaveChangesAsync();
        }

        var response = await _http.PostAsJsonAsync("/api/templates/preview", new
        {
            template = new { key = "not-saved-yet", channel = "Sms", locale = "en", content = new { smsBody = "Hi {{ contact.first_name }}, 50% off today" } },
            preview = new { contactExternalId = "draft-preview-1" },
        });
        response.EnsureSuccessStatusCode();

        var preview = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Hi Nadia, 50% off today", preview!["message"]!["body"]!.GetValue<string>());
        Assert.Equal(1, preview["sms"]!["segments"]!.GetValue<int>());
        Assert.Empty((await _http.GetFromJsonAsync<JsonArray>("/api/templates?key=not-saved-yet"))!);
    }

    [Fact]
    public async Task PreviewDraft_WithSyntaxError_AnswersNoMessageAndTheProblemWithLineAndColumn()
    {
        var response = await _http.PostAsJsonAsync("/api/templates/preview", new
        {
            template = new { key = "draft", channel = "Email", locale = "en", content = new { subject = "Hi", html = "<p>ok</p>\n<p>{% if contact.first_name %}x</p>" } },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Null(preview!["message"]);
        var problem = preview["problems"]!.AsArray().Single()!;
        Assert.Equal("html", problem["field"]!.GetValue<string>());
        Assert.Equal(2, problem["line"]!.GetValue<int>());
        Assert.NotNull(problem["column"]);
    }

    [Fact]
    public async Task PreviewDraft_ForAnUnknownContact_IsAProblemNamingTheField()
    {
        var response = await _http.PostAsJsonAsync("/api/templates/preview", new
        {
            template = new { key = "draft", channel = "Sms", locale = "en", content = new { smsBody = "Hi" } },
            preview = new { contactExternalId = "nobody-here" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("contactExternalId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_WithUnknownField_ProblemsExtensionPointsAtIt()
    {
        var response = await _http.PutAsJsonAsync("/api/templates/recall-sms-15d/zh-CN", new { content = new { smsBody = "Hi\n  {{ contact.nickname }}" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!["problems"]!.AsArray().Single()!;
        Assert.Equal(("smsBody", 2, 6), (problem["field"]!.GetValue<string>(), problem["line"]!.GetValue<int>(), problem["column"]!.GetValue<int>()));
        Assert.Contains("contact.nickname", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Templates_RequireAWriteKey()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };

        var response = await anonymous.GetAsync(new Uri("/api/templates", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
