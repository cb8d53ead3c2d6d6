using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Rules;

/// <summary>
/// A few hundred contacts whose facts sit on and around every boundary the shipped rules use
/// (7/15/30 days, 50 000 minor units, RFM 0..5, every lifecycle stage) and include the nulls
/// (never purchased, no email, no phone). Deterministic: the same seed gives the same contacts.
/// </summary>
internal static class VariedContacts
{
    private static readonly int[] BoundaryDays = [0, 1, 6, 7, 8, 14, 15, 16, 29, 30, 31, 90];
    private static readonly TimeSpan[] Nudges = [TimeSpan.Zero, TimeSpan.FromMilliseconds(-1), TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(-5), TimeSpan.FromHours(13)];
    private static readonly long[] Spends = [0, 1, 49_999, 50_000, 50_001, 250_000];
    private static readonly string[] Categories = ["beauty", "phones", "books"];
    private static readonly string[] TagPool = ["vip", "beta", "newsletter"];

    public static List<Contact> Generate(string prefix, DateTime now, int count = 400, int seed = 20250314)
    {
        var random = new Random(seed);
        var stages = Enum.GetValues<LifecycleStage>();
        var contacts = new List<Contact>(count);
        for (var i = 0; i < count; i++)
        {
            // Cycle through the boundaries so each appears, and mix in random instants.
            DateTime Instant(int salt) => i % 3 == 0
                ? now - TimeSpan.FromMilliseconds(random.NextInt64(-3_600_000, 45L * 86_400_000))
                : now - TimeSpan.FromDays(BoundaryDays[(i + salt) % BoundaryDays.Length]) - Nudges[(i / BoundaryDays.Length + salt) % Nudges.Length];

            var builder = new ContactBuilder($"{prefix}-{i:D4}", Instant(3) - TimeSpan.FromDays(random.Next(0, 3)))
                .WithEmail(i % 4 == 1 ? null : $"c{i}@example.test")
                .WithPhone(i % 5 == 2 ? null : $"+4479{i:D8}")
                .WithConsent(random.Next(3) > 0, random.Next(2) == 0, random.Next(2) == 0)
                .WithTags([.. TagPool.Where(_ => random.Next(3) == 0)])
                .ActiveAt(Instant(0))
                .PurchasedAt(i % 4 == 3 ? null : Instant(5))
                .WithTotals(random.Next(0, 40), i % 4 == 3 ? 0 : random.Next(0, 12), Spends[i % Spends.Length] * 3)
                .WithWindow(random.Next(0, 20), random.Next(0, 6), Spends[(i / 2) % Spends.Length])
                .WithRfm(random.Next(0, 6), random.Next(0, 6), random.Next(0, 6))
                .InStage(stages[i % stages.Length]);
            if (random.Next(3) > 0)
            {
                builder.WithPushToken($"token-{prefix}-{i}");
            }

            foreach (var (category, salt) in Categories.Select((c, n) => (c, n)))
            {
                if (random.Next(2) == 0)
                {
                    builder.WithInterest(category, Instant(7 + salt), random.Next(1, 9));
                }
            }

            contacts.Add(builder.Build());
        }

        return contacts;
    }
}
