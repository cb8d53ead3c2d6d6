using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Bench.Data;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Infrastructure.Messaging;
using UserOps.Automation.Infrastructure.Messaging.Templates;

namespace UserOps.Automation.Bench.Micro;

/// <summary>
/// Renders of a stored (so parsed once and cached) template through the product's <see cref="ITemplateRenderer"/>:
/// the shipped May Day SMS (coupon, local date filter) and the 30-day recall email. Target ≥ 100,000 renders/s.
/// </summary>
[MemoryDiagnoser]
public class TemplateRenderingBenchmarks
{
    private ServiceProvider _services = null!;
    private ITemplateRenderer _renderer = null!;
    private TemplateVersion _sms = null!;
    private TemplateVersion _email = null!;
    private MessageContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddMessagingTemplates().BuildServiceProvider();
        _renderer = _services.GetRequiredService<ITemplateRenderer>();
        var files = TemplateFile.LoadFolder(Path.Combine(BenchEnvironment.RepositoryRoot, "workflows", "templates"));
        _sms = Stored(files, "mayday-coupon-sms", "en", 1);
        _email = Stored(files, "recall-email-30d-coupon", "en", 2);
        var contact = new Contact("c1", SyntheticContact.Start.AddDays(-90)) { FirstName = "Ada", Email = "ada@example.com", Phone = "+8613800000001", Locale = "en", TimeZone = "Asia/Shanghai" };
        _context = new MessageContext(contact) { Coupon = new CouponDetails("B0000001", "10%", SyntheticContact.Start.AddDays(7)) };
        _renderer.Render(_sms, _context);
        _renderer.Render(_email, _context);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Description = "render SMS mayday-coupon-sms (parsed, cached)")]
    public RenderedMessage RenderSms() => _renderer.Render(_sms, _context);

    [Benchmark(Description = "render email recall-email-30d-coupon (parsed, cached)")]
    public RenderedMessage RenderEmail() => _renderer.Render(_email, _context);

    private static TemplateVersion Stored(IReadOnlyList<(string Path, TemplateFile File)> files, string key, string locale, long id)
    {
        var template = files.Single(f => f.File.Key == key).File.ToTemplates(SyntheticContact.Start)
            .Single(t => t.Locale == locale);
        // A stored version has an id; the renderer caches the parsed template by it, as in production.
        return template.Snapshot() with { Id = id };
    }
}
