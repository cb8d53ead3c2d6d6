using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Simulation;

namespace UserOps.Automation.UnitTests.Simulation;

public sealed class ContactDescriptionTests
{
    private static readonly DateTime Now = new(2027, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Build_ReplaysTheDescribedHistory_SoTheFactsComeOutAsTheEngineDerivesThem()
    {
        var described = new ContactDescription
        {
            DaysSinceLastActive = 10, DaysSinceLastPurchase = 40, Purchases = 3, TotalSpendMinor = 10_000, Visits = 5, DaysSinceSignup = 200,
            Locale = "zh-CN", TimeZone = "Asia/Shanghai", ConsentSms = false,
        };
        Assert.Empty(described.Validate());

        var contact = described.Build(Now, new FactsPolicy());
        var facts = ContactFacts.From(contact, Now);

        Assert.Equal((10, 40, 200), (facts.DaysSinceLastActive, facts.DaysSinceLastPurchase!.Value, facts.DaysSinceSignup));
        Assert.Equal((3, 10_000L, 5), (facts.PurchaseCount, facts.TotalSpendMinor, facts.VisitCount));
        Assert.Equal(LifecycleStage.Loyal, facts.Lifecycle); // three purchases within the 90-day window
        Assert.False(facts.Consent.Sms);
        Assert.True(facts.HasPushToken);
    }

    [Fact]
    public void Build_ActiveWithoutVisitsOrPurchases_IsStillActiveAtTheDescribedDay()
    {
        var contact = new ContactDescription { DaysSinceLastActive = 7 }.Build(Now, new FactsPolicy());

        Assert.Equal(7, ContactFacts.From(contact, Now).DaysSinceLastActive);
        Assert.Equal(0, contact.VisitCount);
    }

    [Fact]
    public void Validate_RefusesAHistoryThatCannotHold_ByField()
    {
        var errors = new ContactDescription { DaysSinceLastActive = 50, Purchases = 1, DaysSinceLastPurchase = 20, DaysSinceSignup = 10, TimeZone = "Shanghai" }.Validate();

        Assert.Equal(["contact.daysSinceLastActive", "contact.daysSinceSignup", "contact.timeZone"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
