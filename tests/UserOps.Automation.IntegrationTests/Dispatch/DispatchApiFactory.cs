using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Infrastructure.Dispatch;
using UserOps.Automation.IntegrationTests.Hosting;
using UserOps.Automation.Testing.Messaging;

namespace UserOps.Automation.IntegrationTests.Dispatch;

/// <summary>The host on its own SQLite file and a fake clock, email through the loopback SMTP server, Quartz and the demo off.</summary>
public sealed class DispatchApiFactory(FakeSmtpServer smtp) : SqliteHostFactory("dispatch", "tests", Key, new DateTimeOffset(2026, 4, 28, 12, 0, 0, TimeSpan.Zero))
{
    public const string Key = "dispatch-write-key-0123456789";
    public const string PublicBaseUrl = "http://localhost";

    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    public async Task AddTemplateAsync(string key, Channel channel, TemplateContent content)
    {
        await using var db = CreateDb();
        var template = new MessageTemplate(key, channel, "en", true, content, Now);
        db.MessageTemplates.Add(template);
        await db.SaveChangesAsync();
        db.MessageTemplateVersions.Add(template.Snapshot());
        await db.SaveChangesAsync();
    }

    protected override void Configure(IWebHostBuilder builder)
    {
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
    }
}
