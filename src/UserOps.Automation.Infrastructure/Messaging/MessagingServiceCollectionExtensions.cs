using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Infrastructure.Messaging.Channels;
using UserOps.Automation.Infrastructure.Messaging.Templates;

namespace UserOps.Automation.Infrastructure.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>Fluid rendering and validation, and the EF template store.</summary>
    public static IServiceCollection AddMessagingTemplates(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TemplateSandbox>();
        services.AddSingleton<ITemplateRenderer, FluidTemplateRenderer>();
        services.AddSingleton<ITemplateValidator, FluidTemplateValidator>();
        services.AddScoped<ITemplateStore, EfTemplateStore>();
        return services;
    }

    /// <summary>
    /// One sender per channel, chosen by configuration: <c>Email:Mode</c> (Capture|Smtp), <c>Sms:Mode</c>
    /// (Capture|Twilio), <c>Push:Mode</c> (Capture|Fcm|WebPush|Fcm,WebPush). Capture is the default for all three.
    /// </summary>
    public static IServiceCollection AddMessagingChannels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        AddOptions<EmailOptions>(services, EmailOptions.SectionName);
        AddOptions<SmsOptions>(services, SmsOptions.SectionName);
        AddOptions<PushOptions>(services, PushOptions.SectionName);

        var email = configuration.GetSection(EmailOptions.SectionName).Get<EmailOptions>() ?? new EmailOptions();
        if (email.Mode == EmailMode.Smtp)
        {
            services.AddSingleton<IEmailSender, MailKitEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, CaptureEmailSender>();
        }

        var sms = configuration.GetSection(SmsOptions.SectionName).Get<SmsOptions>() ?? new SmsOptions();
        if (sms.Mode == SmsMode.Twilio)
        {
            var twilio = services.AddHttpClient(TwilioSmsSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(sms.Twilio.TimeoutSeconds));
            if (!string.IsNullOrWhiteSpace(sms.Twilio.BaseUrl))
            {
                twilio.AddHttpMessageHandler(() => new RewriteBaseUrlHandler(new Uri(sms.Twilio.BaseUrl)));
            }

            services.AddSingleton<ISmsSender, TwilioSmsSender>();
        }
        else
        {
            services.AddSingleton<ISmsSender, CaptureSmsSender>();
        }

        var push = configuration.GetSection(PushOptions.SectionName).Get<PushOptions>() ?? new PushOptions();
        if (push.UsesFcm)
        {
            services.TryAddSingleton<IFcmTokenSource, ServiceAccountFcmTokenSource>();
            services.AddHttpClient<FcmPushSender>(c => c.Timeout = TimeSpan.FromSeconds(push.Fcm.TimeoutSeconds));
            services.AddSingleton(sp => new PushTransport(sp.GetRequiredService<FcmPushSender>()));
        }

        if (push.UsesWebPush)
        {
            services.AddHttpClient<WebPushSender>().AddHttpMessageHandler(sp => new VapidOriginHandler(WebPushSender.Vapid(sp.GetRequiredService<IOptions<PushOptions>>().Value.WebPush)));
            services.AddSingleton(sp => new PushTransport(sp.GetRequiredService<WebPushSender>()));
        }

        if (push.Capture)
        {
            services.AddSingleton(sp => new PushTransport(ActivatorUtilities.CreateInstance<CapturePushSender>(sp)));
        }

        services.AddSingleton<IPushSender, PlatformPushSender>();
        return services;
    }

    private static void AddOptions<T>(IServiceCollection services, string section)
        where T : class, IChannelOptions
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, ChannelOptionsValidator<T>>();
    }
}
