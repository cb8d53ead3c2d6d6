namespace UserOps.Automation.Core.Facts;

/// <summary>
/// Quintile breakpoints of recency (days since last purchase), frequency (purchases in the window)
/// and monetary value (spend in the window, minor units), computed over the contacts who have bought.
/// Contacts who never bought score 0 on all three: RFM describes customers.
/// </summary>
/// <param name="RecencyDays">Four ascending cut points: at most the first is a 5, above the last is a 1.</param>
/// <param name="Frequency">Four ascending cut points: at most the first is a 1, above the last is a 5.</param>
/// <param name="Monetary">Four ascending cut points, scored like frequency.</param>
public sealed record RfmThresholds(IReadOnlyList<int> RecencyDays, IReadOnlyList<int> Frequency, IReadOnlyList<long> Monetary)
{
    /// <summary>Before the first scoring: breakpoints that spread a typical shop's customers.</summary>
    public static RfmThresholds Unscored { get; } = new([7, 30, 90, 180], [1, 2, 4, 8], [5_000, 20_000, 50_000, 150_000]);

    public int RecencyScore(DateTime? lastPurchaseAt, DateTime now)
    {
        if (lastPurchaseAt is not { } at)
        {
            return 0;
        }

        var days = FactsPolicy.DaysBetween(at, now);
        for (var i = 0; i < RecencyDays.Count; i++)
        {
            if (days <= RecencyDays[i])
            {
                return 5 - i;
            }
        }

        return 1;
    }

    public int FrequencyScore(bool hasPurchased, int purchasesInWindow) => hasPurchased ? Ascending(purchasesInWindow, Frequency) : 0;

    public int MonetaryScore(bool hasPurchased, long spendInWindowMinor) => hasPurchased ? Ascending(spendInWindowMinor, Monetary) : 0;

    private static int Ascending<T>(T value, IReadOnlyList<T> cuts)
        where T : IComparable<T>
    {
        for (var i = 0; i < cuts.Count; i++)
        {
            if (value.CompareTo(cuts[i]) <= 0)
            {
                return i + 1;
            }
        }

        return 5;
    }
}
