using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.UnitTests.Messaging;

public class TemplateLocalesTests
{
    private sealed record Variant(string Locale, bool IsDefault);

    private static readonly Variant[] Variants = [new("en", true), new("zh-CN", false), new("de-DE", false)];

    [Theory]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("ZH-cn", "zh-CN")]
    [InlineData("zh-TW", "zh-CN")]
    [InlineData("en-GB", "en")]
    [InlineData("de", "de-DE")]
    [InlineData("fr-FR", "en")]
    [InlineData(null, "en")]
    public void Pick_FallsBackFromExactToLanguageToDefault(string? locale, string expected)
    {
        var picked = TemplateLocales.Pick(Variants, locale, v => v.Locale, v => v.IsDefault);

        Assert.Equal(expected, picked!.Locale);
    }

    [Fact]
    public void Pick_NoDefaultMarked_StillReturnsAVariant()
    {
        var picked = TemplateLocales.Pick([new Variant("zh-CN", false)], "fr", v => v.Locale, v => v.IsDefault);

        Assert.Equal("zh-CN", picked!.Locale);
    }

    [Fact]
    public void Missing_ListsLocalesOthersHave()
    {
        Assert.Equal(["zh-CN"], TemplateLocales.Missing(["en", "zh-CN", "EN"], ["en"]));
    }
}
