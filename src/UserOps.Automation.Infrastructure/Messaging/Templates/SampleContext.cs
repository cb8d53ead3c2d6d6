using System.Text.Json.Nodes;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Infrastructure.Messaging.Templates;

/// <summary>
/// A believable contact with every field filled (and long-ish names), so a preview shows real copy and an SMS
/// length check errs on the long side.
/// </summary>
public static class SampleContext
{
    public static MessageContext Create(string? locale, DateTime now)
    {
        var chinese = locale?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true;
        var contact = new Contact("sample-contact", now)
        {
            FirstName = chinese ? "欣怡" : "Alexandra",
            LastName = chinese ? "王" : "Whitfield",
            Email = "alexandra.whitfield@example.com",
            Phone = "+14155550123",
            Locale = locale ?? "en",
            TimeZone = chinese ? "Asia/Shanghai" : "America/New_York",
            Country = chinese ? "CN" : "US",
            City = chinese ? "上海" : "New York",
            Attributes = new JsonObject { ["plan"] = "premium", ["favourite_category"] = chinese ? "美妆" : "beauty", ["points"] = 1280 },
            Tags = ["vip", "newsletter"],
        };

        var purchase = new ContactEvent(0, EventNames.Purchase, now, now)
        {
            AmountMinor = 12900,
            Currency = "USD",
            Properties = new JsonObject { ["product"] = chinese ? "新款手机" : "Phone 15 Pro", ["category"] = "phones" },
        };

        return new MessageContext(contact)
        {
            Event = purchase,
            JourneyVariables = new JsonObject { ["variant"] = "A", ["days_inactive"] = 30 },
            Coupon = new CouponDetails("COMEBACK20", chinese ? "八折" : "20% off", now.AddDays(7)),
            UnsubscribeUrl = "https://example.com/u/sample-signed-token",
        };
    }
}
