using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Dispatch;
using UserOps.Automation.Infrastructure.Messaging;
using UserOps.Automation.Infrastructure.Messaging.Channels;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.IntegrationTests.Messaging.Fakes;
using UserOps.Automation.Testing.Messaging;
using UserOps.Automation.IntegrationTests.TestSupport;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Dispatch;

/// <summary>
/// The dispatcher over a migrated SQLite file on a fake clock, with channels as the test configures them
/// (capture by default; the loopback SMTP, Twilio and FCM fakes when given).
/// </summary>
public sealed class DispatchHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 4, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly SqliteTestStore _store;
    private int _keys;

    private DispatchHarness(SqliteTestStore store) => _store = store;

    public FakeTimeProvider Time => _store.Time;
    public DateTime Now => Time.GetUtcNow().UtcDateTime;
    public IServiceProvider Services => _store.Services;
    public OutboxDispatcher Dispatcher => _store.Services.GetRequiredService<OutboxDispatcher>();

    public static async Task<DispatchHarness> CreateAsync(IDictionary<string, string?>? settings = null, DateTimeOffset? start = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Dispatch:PublicBaseUrl"] = "https://ops.example.com",
            ["Dispatch:UnsubscribeSecret"] = "test-unsubscribe-secret",
            ["Dispatch:Email:RatePerSecond"] = "0",
            ["Dispatch:Sms:RatePerSecond"] = "0",
            ["Dispatch:Push:RatePerSecond"] = "0",
            ["Dispatch:QuietHours:Start"] = "00:00",
            ["Dispatch:QuietHours:End"] = "00:00",
            ["Dispatch:FrequencyCap:Count"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var store = await SqliteTestStore.CreateAsync(start ?? DefaultStart, services =>
        {
            services.AddSingleton<IConfiguration>(configuration);
            services.AddSingleton<IFcmTokenSource>(new FixedFcmTokenSource(FakeFcmApi.AccessToken));
            services.AddMessagingTemplates();
            services.AddMessagingChannels(configuration);
            services.AddDispatcher();
            configure?.Invoke(services);
        });
        return new DispatchHarness(store);
    }

    /// <summary>Settings that send email through the loopback SMTP server.</summary>
    public static Dictionary<string, string?> Smtp(FakeSmtpServer smtp, int poolSize = 4) => new()
    {
        ["Email:Mode"] = "Smtp",
        ["Email:From"] = "news@shop.example",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:PoolSize"] = poolSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:TimeoutSeconds"] = "10",
    };

    /// <summary>Settings that send SMS through the loopback Twilio API.</summary>
    public static Dictionary<string, string?> Twilio(FakeTwilioApi twilio) => new()
    {
        ["Sms:Mode"] = "Twilio",
        ["Sms:Twilio:AccountSid"] = FakeTwilioApi.AccountSid,
        ["Sms:Twilio:AuthToken"] = FakeTwilioApi.AuthToken,
        ["Sms:Twilio:From"] = "+15005550006",
        ["Sms:Twilio:BaseUrl"] = twilio.BaseUrl.ToString(),
    };

    public Task<AutomationDb> OpenAsync() => _store.OpenAsync();

    public Task<DispatchReport> DispatchAsync() => Dispatcher.DispatchAsync(TimeSpan.FromMinutes(5), CancellationToken.None);

    public async Task<Contact> AddContactAsync(Func<ContactBuilder, ContactBuilder> build)
    {
        var contact = build(new ContactBuilder($"c-{Guid.NewGuid():N}", Now)).Build();
        await using var db = await OpenAsync();
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    }

    public async Task AddTemplateAsync(string key, Channel channel, TemplateContent content, string locale = "en")
    {
        await using var db = await OpenAsync();
        var template = new MessageTemplate(key, channel, locale, !await db.MessageTemplates.AnyAsync(t => t.Key == key), content, Now);
        db.MessageTemplates.Add(template);
        await db.SaveChangesAsync();
        db.MessageTemplateVersions.Add(template.Snapshot());
        await db.SaveChangesAsync();
    }

    public Task AddDefaultTemplatesAsync() => Task.WhenAll(
        AddTemplateAsync("hello-email", Channel.Email, new TemplateContent
        {
            Subject = "Hello {{ contact.first_name }}",
            Html = "<p>Hi {{ contact.first_name }}, your code is {{ coupon.code }}. <a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>",
            Text = "Hi {{ contact.first_name }}, your code is {{ coupon.code }}. Unsubscribe: {{ unsubscribe_url }}",
        }),
        AddTemplateAsync("hello-sms", Channel.Sms, new TemplateContent { SmsBody = "Hi {{ contact.first_name }}. Reply STOP to opt out." }),
        AddTemplateAsync("hello-push", Channel.Push, new TemplateContent { PushTitle = "Hi {{ contact.first_name }}", PushBody = "Come back" }));

    public OutboxMessage Row(Contact contact, Channel channel, string? definitionId = "wf-a", bool capped = true, DateTime? expiresAt = null, JsonObject? data = null) =>
        new($"j{Interlocked.Increment(ref _keys)}:{Guid.NewGuid():N}", contact.Id, channel, $"hello-{channel.ToString().ToLowerInvariant()}", Now)
        {
            DefinitionId = definitionId,
            ActivityId = "send",
            FrequencyCapped = capped,
            ExpiresAt = expiresAt,
            Data = data ?? [],
        };

    public async Task<OutboxMessage> EnqueueAsync(OutboxMessage row)
    {
        await using var db = await OpenAsync();
        db.OutboxMessages.Add(row);
        await db.SaveChangesAsync();
        return row;
    }

    public async Task<OutboxMessage> ReloadAsync(OutboxMessage row)
    {
        await using var db = await OpenAsync();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == row.Id);
    }

    public async Task<List<MessageAttempt>> AttemptsAsync(OutboxMessage row)
    {
        await using var db = await OpenAsync();
        return await db.MessageAttempts.AsNoTracking().Where(a => a.OutboxMessageId == row.Id).OrderBy(a => a.Id).ToListAsync();
    }

    public async Task<Contact> ReloadAsync(Contact contact)
    {
        await using var db = await OpenAsync();
        return await db.Contacts.AsNoTracking().Include(c => c.PushTokens).SingleAsync(c => c.Id == contact.Id);
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
