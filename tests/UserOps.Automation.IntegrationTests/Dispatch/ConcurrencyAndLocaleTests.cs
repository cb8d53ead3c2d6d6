using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.IntegrationTests.Dispatch.Fakes;

namespace UserOps.Automation.IntegrationTests.Dispatch;

public sealed class ConcurrencyAndLocaleTests
{
    [Fact]
    public async Task Sends_OfOneChannel_NeverExceedMaxConcurrent()
    {
        var sender = new GatedSmsSender(openAt: 2);
        await using var harness = await DispatchHarness.CreateAsync(new Dictionary<string, string?> { ["Dispatch:Sms:MaxConcurrent"] = "2" }, configure: s => s.AddSingleton<ISmsSender>(sender));
        await harness.AddDefaultTemplatesAsync();
        for (var i = 0; i < 8; i++)
        {
            var contact = await harness.AddContactAsync(b => b.WithPhone($"+1415555070{i}").WithConsent(false, true, false));
            await harness.EnqueueAsync(harness.Row(contact, Channel.Sms));
        }

        var report = await harness.DispatchAsync();

        Assert.Equal(8, report.Sent);
        Assert.Equal(8, sender.Calls);
        Assert.Equal(2, sender.MaxInFlight);
    }

    [Fact]
    public async Task TemplateVariant_ForContactLocale_IsRendered_AndItsVersionRecorded()
    {
        await using var harness = await DispatchHarness.CreateAsync();
        await harness.AddTemplateAsync("hello-sms", Channel.Sms, new TemplateContent { SmsBody = "Hi {{ contact.first_name }}" }, "en");
        await harness.AddTemplateAsync("hello-sms", Channel.Sms, new TemplateContent { SmsBody = "{{ contact.first_name }}，你好" }, "zh-CN");
        var li = await harness.AddContactAsync(b => b.WithPhone("+8613800138000").WithName("小李", null).WithLocale("zh-CN", "Asia/Shanghai").WithConsent(false, true, false));
        var jo = await harness.AddContactAsync(b => b.WithPhone("+447700900123").WithName("Jo", null).WithLocale("fr", "Europe/Paris").WithConsent(false, true, false));
        var toLi = await harness.EnqueueAsync(harness.Row(li, Channel.Sms));
        var toJo = await harness.EnqueueAsync(harness.Row(jo, Channel.Sms));

        await harness.DispatchAsync();

        await using var db = await harness.OpenAsync();
        var captured = await db.CapturedMessages.AsNoTracking().ToListAsync();
        Assert.Equal("小李，你好", captured.Single(c => c.Recipient == "+8613800138000").Body);
        Assert.Equal("Hi Jo", captured.Single(c => c.Recipient == "+447700900123").Body); // no fr variant: the default
        var zh = await db.MessageTemplateVersions.AsNoTracking().SingleAsync(v => v.Key == "hello-sms" && v.Locale == "zh-CN");
        var en = await db.MessageTemplateVersions.AsNoTracking().SingleAsync(v => v.Key == "hello-sms" && v.Locale == "en");
        Assert.Equal(zh.Id, (await harness.ReloadAsync(toLi)).TemplateVersionId);
        Assert.Equal(en.Id, (await harness.ReloadAsync(toJo)).TemplateVersionId);
    }
}
