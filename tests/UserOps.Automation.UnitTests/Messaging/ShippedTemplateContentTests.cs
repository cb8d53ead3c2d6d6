using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Infrastructure.Messaging.Templates;

namespace UserOps.Automation.UnitTests.Messaging;

public class ShippedTemplateContentTests
{
    private static readonly DateTime Now = new(2026, 4, 28, 8, 0, 0, DateTimeKind.Utc);
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "content", "templates");

    public static TheoryData<string> Files() => [.. Directory.EnumerateFiles(Folder, "*.json").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    [Fact]
    public void Folder_HoldsTheTemplatesOfTheShippedWorkflows()
    {
        var keys = TemplateFile.LoadFolder(Folder).Select(f => f.File.Key).ToHashSet();

        Assert.Superset(
            new HashSet<string> { "recall-push-7d", "recall-sms-15d", "recall-email-30d-coupon", "mayday-coupon-sms", "mayday-next-morning-email", "upsell-push-a", "upsell-push-b", "onboarding-welcome-email", "onboarding-nudge-push" },
            keys);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryVariant_LoadsAndValidates(string file)
    {
        var sandbox = new TemplateSandbox();
        var validator = new FluidTemplateValidator(sandbox, new FluidTemplateRenderer(sandbox), new FakeTimeProvider(Now));
        var all = TemplateFile.LoadFolder(Folder);
        var catalogLocales = all.SelectMany(f => f.File.Variants.Select(v => v.Locale)).Distinct().ToList();
        var template = all.Single(f => Path.GetFileName(f.Path) == file).File;

        Assert.Single(template.Variants, v => v.Locale == template.DefaultLocale);
        foreach (var variant in template.ToTemplates(Now))
        {
            var result = validator.Validate(variant, template.Variants.Select(v => v.Locale).ToList(), catalogLocales);

            Assert.True(result.IsValid, $"{file} {variant.Locale}: {string.Join("; ", result.Problems)}");
            Assert.Empty(result.MissingLocales);
        }
    }

    [Fact]
    public void RecallEmail_RendersCouponExpiryInContactLocale()
    {
        var sandbox = new TemplateSandbox();
        var file = TemplateFile.LoadFolder(Folder).Single(f => f.File.Key == "recall-email-30d-coupon").File;
        var zh = file.ToTemplates(Now).Single(t => t.Locale == "zh-CN");

        var email = (RenderedEmail)new FluidTemplateRenderer(sandbox).Render(zh.Snapshot(), SampleContext.Create("zh-CN", Now));

        Assert.Contains("2026年5月5日", email.Text, StringComparison.Ordinal);
        Assert.Contains("COMEBACK20", email.Html, StringComparison.Ordinal);
    }
}
