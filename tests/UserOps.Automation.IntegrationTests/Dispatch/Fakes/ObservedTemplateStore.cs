using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.IntegrationTests.Dispatch.Fakes;

/// <summary>The product's template store, reporting each resolution to a <see cref="RoundObserver"/> first.</summary>
internal sealed class ObservedTemplateStore(ITemplateStore inner, RoundObserver observer) : ITemplateStore
{
    public Task<TemplateVersion?> ResolveAsync(string key, string? locale, CancellationToken cancellationToken)
    {
        observer.Resolving();
        return inner.ResolveAsync(key, locale, cancellationToken);
    }

    public Task<TemplateVersion?> FindVersionAsync(long versionId, CancellationToken cancellationToken) => inner.FindVersionAsync(versionId, cancellationToken);
}
