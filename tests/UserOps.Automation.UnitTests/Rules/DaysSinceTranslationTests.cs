using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Testing;

namespace UserOps.Automation.UnitTests.Rules;

/// <summary>
/// "Days since" facts are floors of whole days in memory and instant comparisons in the database.
/// The translated predicate, compiled and run over <see cref="Contact"/> entities, must agree with
/// the rule over <see cref="ContactFacts"/> on and around every day boundary.
/// </summary>
public sealed class DaysSinceTranslationTests
{
    private static readonly DateTime Now = new(2025, 3, 14, 15, 9, 26, 535, DateTimeKind.Utc);

    private static readonly TimeSpan[] AgesAroundSeven =
    [
        TimeSpan.FromMilliseconds(-1), TimeSpan.Zero, TimeSpan.FromDays(6), TimeSpan.FromDays(7) - TimeSpan.FromMilliseconds(1),
        TimeSpan.FromDays(7), TimeSpan.FromDays(7) + TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(8) - TimeSpan.FromMilliseconds(1),
        TimeSpan.FromDays(8), TimeSpan.FromDays(8) + TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(30),
    ];

    public static TheoryData<string> ActiveComparisons =>
    [
        "contact.DaysSinceLastActive >= 7", "contact.DaysSinceLastActive > 7", "contact.DaysSinceLastActive < 7",
        "contact.DaysSinceLastActive <= 7", "contact.DaysSinceLastActive == 7", "contact.DaysSinceLastActive != 7",
        "7 <= contact.DaysSinceLastActive", "7 > contact.DaysSinceLastActive", "7 == contact.DaysSinceLastActive",
        "contact.DaysSinceSignup < 7", "contact.DaysSinceLastActive >= 7 AND contact.DaysSinceLastActive < 8",
        "NOT (contact.DaysSinceLastActive >= 7)", "contact.DaysSinceLastActive == null OR contact.DaysSinceLastActive < 7",
        "contact.DaysSinceLastActive != null AND contact.DaysSinceLastActive >= 7",
    ];

    public static TheoryData<string> PurchaseComparisons =>
    [
        "contact.DaysSinceLastPurchase >= 7", "contact.DaysSinceLastPurchase > 7", "contact.DaysSinceLastPurchase < 7",
        "contact.DaysSinceLastPurchase <= 7", "contact.DaysSinceLastPurchase == 7", "contact.DaysSinceLastPurchase != 7",
        "contact.DaysSinceLastPurchase == null", "contact.DaysSinceLastPurchase != null", "null == contact.DaysSinceLastPurchase",
        "contact.DaysSinceLastPurchase >= null", "contact.DaysSinceLastPurchase < null", "7 <= contact.DaysSinceLastPurchase",
    ];

    public static TheoryData<string> InterestComparisons =>
    [
        "contact.Interests.Any(DaysSinceLastSeen <= 7)", "contact.Interests.Any(DaysSinceLastSeen > 7)",
        "contact.Interests.All(DaysSinceLastSeen != 7)", "contact.Interests.Any(Category == \"beauty\" AND DaysSinceLastSeen == 7)",
    ];

    [Theory]
    [MemberData(nameof(ActiveComparisons))]
    public void LastActive_Comparison_AgreesInMemoryAndInQuery(string expression)
    {
        AssertAgree(expression, AgesAroundSeven.Select(age =>
            new ContactBuilder("c", Now - age).ActiveAt(Now - age).Build()));
    }

    [Theory]
    [MemberData(nameof(PurchaseComparisons))]
    public void LastPurchase_Comparison_AgreesInMemoryAndInQuery_IncludingNeverPurchased(string expression)
    {
        AssertAgree(expression, AgesAroundSeven.Select(age => (DateTime?)(Now - age)).Append(null).Select(at =>
            new ContactBuilder("c", Now.AddDays(-100)).PurchasedAt(at).Build()));
    }

    [Theory]
    [MemberData(nameof(InterestComparisons))]
    public void InterestLastSeen_Comparison_AgreesInMemoryAndInQuery(string expression)
    {
        var contacts = AgesAroundSeven.Select(age => new ContactBuilder("c", Now.AddDays(-100)).WithInterest("beauty", Now - age).Build())
            .Append(new ContactBuilder("none", Now.AddDays(-100)).Build())
            .Append(new ContactBuilder("two", Now.AddDays(-100)).WithInterest("beauty", Now.AddDays(-7)).WithInterest("phones", Now.AddDays(-1)).Build());
        AssertAgree(expression, contacts);
    }

    [Theory]
    [InlineData(6.99, false)]
    [InlineData(7, true)]
    [InlineData(7.01, true)]
    public void AtLeastSevenDays_StartsExactlySevenDaysAfterTheInstant(double daysAgo, bool expected)
    {
        var rule = RuleCatalog.CompileDraft("contact.DaysSinceLastActive >= 7");
        var contact = new ContactBuilder("c", Now.AddDays(-daysAgo)).ActiveAt(Now.AddDays(-daysAgo)).Build();

        Assert.Equal(expected, rule.ToQuery(Now).Compile()(contact));
        Assert.Equal(expected, rule.Evaluate(ContactFacts.From(contact, Now)));
    }

    [Fact]
    public void NeverPurchased_MatchesNotEqualAndIsNull_ButNoOrderedComparison()
    {
        var never = new ContactBuilder("c", Now).Build();

        Assert.True(Matches("contact.DaysSinceLastPurchase == null", never));
        Assert.True(Matches("contact.DaysSinceLastPurchase != 7", never));
        Assert.False(Matches("contact.DaysSinceLastPurchase >= 0", never));
        Assert.False(Matches("contact.DaysSinceLastPurchase >= null", never));
    }

    [Theory]
    [InlineData("contact.DaysSinceLastActive >= contact.DaysSinceSignup", "not with another fact")]
    [InlineData("contact.DaysSinceLastActive >= 7.5", "whole number")]
    [InlineData("contact.DaysSinceLastActive + 1 >= 8", "can only be compared")]
    public void DaysSince_InAnUntranslatableShape_IsRejectedAtLoad(string expression, string reason)
    {
        var error = Assert.Throws<RuleValidationException>(() => RuleCatalog.CompileDraft(expression));

        Assert.Contains(reason, error.Problems[0].Message, StringComparison.Ordinal);
    }

    private static bool Matches(string expression, Contact contact)
    {
        var rule = RuleCatalog.CompileDraft(expression);
        var query = rule.ToQuery(Now).Compile()(contact);
        Assert.Equal(rule.Evaluate(ContactFacts.From(contact, Now)), query);
        return query;
    }

    private static void AssertAgree(string expression, IEnumerable<Contact> contacts)
    {
        var rule = RuleCatalog.CompileDraft(expression);
        var query = rule.ToQuery(Now).Compile();
        var outcomes = new HashSet<bool>();
        foreach (var contact in contacts)
        {
            var facts = ContactFacts.From(contact, Now);
            var inMemory = rule.Evaluate(facts);
            Assert.True(inMemory == query(contact), $"{expression}: in memory {inMemory}, as a query {!inMemory} for {facts}");
            outcomes.Add(inMemory);
        }

        // Boundaries that all land on one side would not test the boundary.
        if (outcomes.Count < 2 && !expression.Contains("null", StringComparison.Ordinal))
        {
            Assert.Fail($"{expression} is {outcomes.Single()} for every contact");
        }
    }
}
