using System.Text.Json.Nodes;
using Bogus;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;

namespace UserOps.Automation.Infrastructure.Demo;

/// <summary>
/// Synthetic contacts with activity histories, the same for the same seed and clock. Last activity follows a
/// churn-like curve (many active this week, a long tail of lapsed users), so the inactive 7/15/30-day segments,
/// the RFM tiers and the lifecycle stages all have members.
/// </summary>
internal sealed class DemoPopulation(int seed, DateTime now)
{
    public const int HistoryDays = 120;

    private static readonly string[] Categories = ["beauty", "phones", "books", "home", "fashion", "sports", "groceries"];
    private static readonly string[] Tags = ["newsletter", "vip", "beta", "app-user", "wholesale", "referral"];
    private static readonly Region[] Regions =
    [
        new("CN", "zh-CN", "zh_CN", "CNY", ["Asia/Shanghai"], ["Shanghai", "Beijing", "Shenzhen", "Hangzhou", "Chengdu"], 0.45),
        new("US", "en-US", "en_US", "USD", ["America/New_York", "America/Chicago", "America/Los_Angeles"], ["New York", "Chicago", "Los Angeles", "Seattle", "Boston"], 0.40),
        new("GB", "en-GB", "en_GB", "GBP", ["Europe/London"], ["London", "Manchester", "Leeds", "Bristol"], 0.15),
    ];

    private static readonly string[] UsAreaCodes = ["212", "312", "415", "617", "206", "305", "512", "718"];

    private readonly Randomizer _random = new(seed);
    private readonly Dictionary<string, Faker> _fakers = Regions
        .Select((r, i) => (r.Country, Faker: new Faker(r.BogusLocale) { Random = new Randomizer(seed + 1 + i) }))
        .ToDictionary(x => x.Country, x => x.Faker);

    public (Contact Contact, List<ContactEvent> Events) Next(int index)
    {
        var region = PickRegion();
        var faker = _fakers[region.Country];
        var lastActiveDaysAgo = LastActiveDaysAgo();
        var createdAt = now.AddDays(-_random.Double(Math.Max(lastActiveDaysAgo ?? 0, 20) + 1, 400)).AddSeconds(-_random.Int(0, 86_399));
        var contact = new Contact($"demo-{index:D6}", createdAt)
        {
            FirstName = faker.Name.FirstName(),
            LastName = faker.Name.LastName(),
            Locale = region.Locale,
            TimeZone = _random.ArrayElement(region.TimeZones),
            Country = region.Country,
            City = _random.ArrayElement(region.Cities),
            Email = _random.Bool(0.85f) ? $"{_fakers["US"].Internet.UserName().ToLowerInvariant()}.{index}@example.{_random.ArrayElement(["com", "net", "org"])}" : null,
            Phone = _random.Bool(0.8f) ? Phone(region.Country) : null,
        };
        contact.Consent.Email = contact.Email is not null && _random.Bool(0.7f);
        contact.Consent.Sms = contact.Phone is not null && _random.Bool(0.55f);
        contact.Consent.Push = _random.Bool(0.4f);
        if (_random.Bool(0.35f))
        {
            var web = _random.Bool(0.3f);
            contact.AddPushToken(web ? $"https://push.example.com/sub/{_random.Hexadecimal(32, "")}" : _random.Hexadecimal(140, ""), web ? "webpush" : "fcm", null, createdAt);
        }

        foreach (var tag in Tags.Where(_ => _random.Bool(0.15f)))
        {
            contact.AddTag(tag);
        }

        return (contact, History(createdAt, lastActiveDaysAgo, region));
    }

    private List<ContactEvent> History(DateTime createdAt, double? lastActiveDaysAgo, Region region)
    {
        var events = new List<ContactEvent> { new(0, EventNames.SignUp, createdAt, createdAt) };
        if (lastActiveDaysAgo is not { } daysAgo)
        {
            return events;
        }

        var lastActive = now.AddDays(-daysAgo);
        var from = createdAt > now.AddDays(-HistoryDays) ? createdAt : now.AddDays(-HistoryDays);
        from = from < lastActive ? from : lastActive;
        var span = lastActive - from;
        DateTime Within() => from + span * _random.Double();

        var favourites = _random.ArrayElements(Categories, _random.Int(1, 2));
        var engagement = _random.Double();
        var visits = 1 + (int)(engagement * engagement * 40);
        var visitTimes = Enumerable.Range(0, visits - 1).Select(_ => Within()).Append(lastActive).ToList();
        events.AddRange(visitTimes.Select(at => Event(EventNames.Visit, at)));

        foreach (var at in Enumerable.Range(0, _random.Int(0, 5)).Select(_ => _random.ListItem(visitTimes)))
        {
            var category = _random.Bool(0.8f) ? _random.ArrayElement(favourites) : _random.ArrayElement(Categories);
            var search = Event(EventNames.Search, at.AddSeconds(_random.Int(5, 120)), category);
            search.Properties = new JsonObject { ["query"] = $"{category} {_fakers["US"].Commerce.ProductAdjective().ToLowerInvariant()}" };
            events.Add(search);
        }

        if (_random.Bool(0.5f))
        {
            var purchases = 1 + (int)(engagement * _random.Double() * 9);
            foreach (var at in Enumerable.Range(0, purchases).Select(_ => _random.ListItem(visitTimes)))
            {
                var category = _random.ArrayElement(favourites);
                var purchase = Event(EventNames.Purchase, at.AddMinutes(_random.Int(1, 30)), category);
                purchase.AmountMinor = Amount(category);
                purchase.Currency = region.Currency;
                purchase.Properties = new JsonObject { ["sku"] = _random.Replace("??-#####").ToUpperInvariant() };
                events.Add(purchase);
            }
        }

        // Events from the future are not plausible; a purchase a few minutes after the last visit of "now" is.
        events.RemoveAll(e => e.Timestamp > now);
        events.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        return events;
    }

    /// <summary>Days since last activity: many this week, a long tail over the history; null for the few who never came back after signing up.</summary>
    private double? LastActiveDaysAgo()
    {
        var roll = _random.Double();
        return roll switch
        {
            < 0.05 => null,
            < 0.40 => _random.Double(0, 7),
            < 0.58 => _random.Double(7, 15),
            < 0.72 => _random.Double(15, 30),
            _ => _random.Double(30, HistoryDays),
        };
    }

    private long Amount(string category) => category switch
    {
        "phones" => _random.Long(99_900, 899_900),
        "home" => _random.Long(4_900, 60_000),
        "beauty" => _random.Long(2_900, 30_000),
        "books" => _random.Long(1_500, 9_000),
        _ => _random.Long(1_000, 25_000),
    };

    private string Phone(string country) => country switch
    {
        "CN" => "+86" + _random.ArrayElement(["138", "139", "150", "186", "187", "177"]) + _random.Replace("########"),
        "US" => "+1" + _random.ArrayElement(UsAreaCodes) + _random.Int(2, 9) + _random.Replace("######"),
        _ => "+447" + _random.Int(4, 9) + _random.Replace("########"),
    };

    private Region PickRegion()
    {
        var roll = _random.Double();
        foreach (var region in Regions)
        {
            if ((roll -= region.Share) < 0)
            {
                return region;
            }
        }

        return Regions[0];
    }

    private static ContactEvent Event(string name, DateTime at, string? category = null) => new(0, name, at, at) { Category = category };

    private sealed record Region(string Country, string Locale, string BogusLocale, string Currency, string[] TimeZones, string[] Cities, double Share);
}
