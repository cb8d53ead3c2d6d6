using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Dispatch;

public static class DispatchServiceCollectionExtensions
{
    /// <summary>The dispatcher and what it needs besides templates and channels (<c>AddMessagingTemplates</c>, <c>AddMessagingChannels</c>).</summary>
    public static IServiceCollection AddDispatcher(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DispatchOptions>().BindConfiguration(DispatchOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DispatchOptions>, DispatchOptionsValidator>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName);
        services.AddSingleton<ChannelGates>();
        services.AddSingleton<ChannelSendRunner>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<ContactSubscriptions>();
        services.AddSingleton(sp => new OutboxDispatcher(
            sp.GetRequiredService<IDbContextFactory<AutomationDb>>(),
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<ITemplateRenderer>(),
            sp.GetRequiredService<IEmailSender>(),
            sp.GetRequiredService<ChannelGates>(),
            sp.GetRequiredService<ChannelSendRunner>(),
            sp.GetRequiredService<UnsubscribeLinks>(),
            sp.GetRequiredService<WebhookDispatcher>(),
            sp.GetRequiredService<IOptions<DispatchOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OutboxDispatcher>>()));
        return services;
    }

    private sealed class DispatchOptionsValidator : IValidateOptions<DispatchOptions>
    {
        public ValidateOptionsResult Validate(string? name, DispatchOptions options)
        {
            var errors = options.Validate().ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
