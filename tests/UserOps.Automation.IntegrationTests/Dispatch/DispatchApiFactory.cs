using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Infrastructure.Dispatch;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Testing.Messaging;

namespace UserOps.Automation.IntegrationTests.Dispatch;

/// <summary>The host on its own SQLite file and a fake clock, email through the loopback SMTP server, Quartz and the demo off.</summary>
public sealed class DispatchApiFactory(FakeSmtpServer smtp) : WebApplicationFactory<Program>
{
    public const string Key = "dispatch-write-key-0123456789";
    public const string PublicBaseUrl = "http://localhost";

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"userops-dispatch-{Guid.NewGuid():N}.db");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 4, 28, 12, 0, 0, TimeSpan.Zero));

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    public HttpClient CreateAuthorizedClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return client;
    }

    public AutomationDb CreateDb() => Services.GetRequiredService<IDbContextFactory<AutomationDb>>().CreateDbContext();

    public async Task AddTemplateAsync(string key, Channel channel, TemplateContent content)
    {
        await using var db = CreateDb();
        var template = new MessageTemplate(key, channel, "en", true, content, Now);
        db.MessageTemplates.Add(template);
        await db.SaveChangesAsync();
        db.MessageTemplateVersions.Add(template.Snapshot());
        await db.SaveChangesAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:ConnectionString", $"Data Source={_file}");
        builder.UseSetting("Access:CreateFirstKey", "false");
        builder.UseSetting("Access:WriteKeys:0:Name", "tests");
        builder.UseSetting("Access:WriteKeys:0:Key", Key);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Quartz:Enabled", "false");
        builder.UseSetting("Email:Mode", "Smtp");
        builder.UseSetting("Email:From", "news@shop.example");
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:Smtp:Security", "None");
        builder.UseSetting("Sms:Mode", "Twilio");
        builder.UseSetting("Sms:Twilio:AccountSid", FakeTwilioApi.AccountSid);
        builder.UseSetting("Sms:Twilio:AuthToken", FakeTwilioApi.AuthToken);
        builder.UseSetting("Sms:Twilio:From", "+15005550006");
        builder.UseSetting("Dispatch:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Dispatch:QuietHours:Start", "00:00");
        builder.UseSetting("Dispatch:QuietHours:End", "00:00");
        builder.UseSetting("Dispatch:FrequencyCap:Count", "0");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }
}
