using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Infrastructure.Messaging.Templates;

namespace UserOps.Automation.UnitTests.Messaging;

public class FluidTemplateTests
{
    private static readonly DateTime Now = new(2026, 4, 28, 8, 0, 0, DateTimeKind.Utc);
    private readonly TemplateSandbox _sandbox = new();
    private readonly FluidTemplateRenderer _renderer;
    private readonly FluidTemplateValidator _validator;

    public FluidTemplateTests()
    {
        _renderer = new FluidTemplateRenderer(_sandbox);
        _validator = new FluidTemplateValidator(_sandbox, _renderer, new FakeTimeProvider(Now));
    }

    private static MessageTemplate Sms(string body, string locale = "en") =>
        new("test-sms", Channel.Sms, locale, true, new TemplateContent { SmsBody = body }, Now);

    private static MessageContext ContextFor(Contact contact) => new(contact)
    {
        Coupon = new CouponDetails("MAYDAY", "¥20", new DateTime(2026, 5, 5, 15, 59, 0, DateTimeKind.Utc)),
        UnsubscribeUrl = "https://example.com/u/t",
        JourneyVariables = new JsonObject { ["variant"] = "B" },
    };

    private string RenderSms(string body, Contact contact) => ((RenderedSms)_renderer.Render(Sms(body).Snapshot(), ContextFor(contact))).Body;

    private static Contact Amy() => new("c-1", Now)
    {
        FirstName = "Amy",
        Locale = "en-US",
        TimeZone = "America/New_York",
        Attributes = new JsonObject { ["plan"] = "gold", ["points"] = 120, ["address"] = new JsonObject { ["city"] = "Boston" } },
        Tags = ["vip", "beta"],
    };

    [Fact]
    public void Render_RegisteredFields_AreFilledIn()
    {
        var body = RenderSms("Hi {{ contact.first_name }} ({{ contact.attributes.plan }}, {{ contact.attributes.points }} pts, {{ contact.attributes.address.city }}) {{ contact.tags | join: ',' }} {{ journey.variables.variant }} {{ coupon.code }} {{ unsubscribe_url }}", Amy());

        Assert.Equal("Hi Amy (gold, 120 pts, Boston) vip,beta B MAYDAY https://example.com/u/t", body);
    }

    [Theory]
    [InlineData("{{ contact.Attributes }}")]
    [InlineData("{{ contact.FirstName }}")]
    [InlineData("{{ contact.Consent.Email }}")]
    [InlineData("{{ contact.PushTokens.size }}")]
    [InlineData("{{ contact.ExternalId }}")]
    [InlineData("{{ contact.attributes.Count }}{{ contact.attributes.Parent }}")]
    [InlineData("{{ coupon.GetType }}{{ coupon.ExpiresAt }}")]
    // The render's model (the roots as one object) exposes the five roots only, not its own .NET members.
    [InlineData("{{ Contact.FirstName }}{{ UnsubscribeUrl }}{{ Coupon.Code }}{{ JourneyVariables.variant }}{{ Value }}")]
    public void Render_UnregisteredMember_RendersNothing(string template)
    {
        Assert.Equal(string.Empty, RenderSms(template, Amy()));
    }

    [Fact]
    public void Render_IncludeOfAFile_IsRefused()
    {
        var ex = Assert.Throws<TemplateSyntaxException>(() => RenderSms("{% include '/etc/passwd' %}", Amy()));

        Assert.Contains(ex.Problems, p => p.Message.Contains("'include'", StringComparison.Ordinal));
    }

    [Fact]
    public void LocalDate_FormatsExpiryInContactZoneAndCulture()
    {
        // 2026-05-05 15:59 UTC is 23:59 the same day in Shanghai and 11:59 in New York.
        var chinese = new Contact("c-2", Now) { Locale = "zh-CN", TimeZone = "Asia/Shanghai" };

        Assert.Equal("2026年5月5日 23:59", RenderSms("{{ coupon.expires_at | local_date: 'yyyy年M月d日 HH:mm' }}", chinese));
        Assert.Equal("2026/5/5", RenderSms("{{ coupon.expires_at | local_date: 'd' }}", chinese));
        Assert.Equal("Tuesday, May 5, 2026 11:59", RenderSms("{{ coupon.expires_at | local_date: 'dddd, MMMM d, yyyy HH:mm' }}", Amy()));
    }

    [Fact]
    public void LocalDate_LateUtcInstant_FallsOnNextDayInShanghai()
    {
        var chinese = new Contact("c-3", Now) { Locale = "zh-CN", TimeZone = "Asia/Shanghai" };
        var context = new MessageContext(chinese) { Coupon = new CouponDetails("X", null, new DateTime(2026, 5, 5, 18, 0, 0, DateTimeKind.Utc)) };

        var body = ((RenderedSms)_renderer.Render(Sms("{{ coupon.expires_at | local_date: 'yyyy-MM-dd' }}").Snapshot(), context)).Body;

        Assert.Equal("2026-05-06", body);
    }

    [Fact]
    public void Render_HtmlBody_EncodesContactValues_TextDoesNot()
    {
        var contact = Amy();
        contact.FirstName = "<b>Amy</b>";
        var email = new MessageTemplate("e", Channel.Email, "en", true, new TemplateContent { Subject = "Hi {{ contact.first_name }}", Html = "<p>{{ contact.first_name }}</p>", Text = "{{ contact.first_name }}" }, Now);

        var rendered = (RenderedEmail)_renderer.Render(email.Snapshot(), ContextFor(contact));

        Assert.Equal("<p>&lt;b&gt;Amy&lt;/b&gt;</p>", rendered.Html);
        Assert.Equal("<b>Amy</b>", rendered.Text);
    }

    [Fact]
    public void Validate_SyntaxError_ReportsLineAndColumn()
    {
        var result = _validator.Validate(Sms("Hello\n{{ contact.first_name }"), [], []);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("smsBody", problem.Field);
        Assert.Equal(2, problem.Line);
        Assert.True(problem.Column > 1);
    }

    [Fact]
    public void Validate_UnknownField_IsReported()
    {
        var result = _validator.Validate(Sms("Hi {{ contact.first_name }}\n{{ contact.nickname }} {{ secrets.key }}"), [], []);

        Assert.Contains(result.Problems, p => p.Message.Contains("'contact.nickname'", StringComparison.Ordinal) && p.Line == 2);
        Assert.Contains(result.Problems, p => p.Message.Contains("'secrets'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_KnownFieldsLoopVariablesAndJson_AreAccepted()
    {
        var result = _validator.Validate(Sms("{% assign n = contact.first_name | upcase %}{{ n }} {% for t in contact.tags %}{{ t }}{{ forloop.index }}{% endfor %} {{ contact.attributes.anything.deep }} {{ event.properties.sku }} {{ coupon.expires_at | local_date }} {{ contact.tags.size }}"), [], []);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
    }

    [Fact]
    public void Validate_UnknownFilterAndInclude_AreReported()
    {
        var result = _validator.Validate(Sms("{{ contact.first_name | shout }}{% include 'x' %}"), [], []);

        Assert.Contains(result.Problems, p => p.Message.Contains("'shout'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.Contains("'include'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Sms_ReportsSegmentsAndRejectsTooLong()
    {
        var chinese = _validator.Validate(Sms("{{ contact.first_name }}，您的优惠券{{ coupon.code }}将于{{ coupon.expires_at | local_date }}到期。", "zh-CN"), [], []);
        var tooLong = _validator.Validate(Sms(new string('x', 1600)), [], []);

        Assert.Equal(SmsEncoding.Ucs2, chinese.Sms!.Encoding);
        Assert.True(chinese.IsValid);
        Assert.Contains(tooLong.Problems, p => p.Field == "smsBody" && p.Message.Contains("segments", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MissingLocales_ComparedWithCatalogue()
    {
        var result = _validator.Validate(Sms("Hi"), ["en"], ["en", "zh-CN"]);

        Assert.Equal(["zh-CN"], result.MissingLocales);
    }

    [Fact]
    public void Render_StoredVersion_IsParsedOnceAndReused()
    {
        var version = Sms("Hi {{ contact.first_name }}").Snapshot() with { Id = 42 };
        var first = ((RenderedSms)_renderer.Render(version, ContextFor(Amy()))).Body;

        // Same id, different content: the cache keyed by the immutable version id answers.
        var second = ((RenderedSms)_renderer.Render(version with { Content = new TemplateContent { SmsBody = "changed" } }, ContextFor(Amy()))).Body;

        Assert.Equal(first, second);
    }
}
