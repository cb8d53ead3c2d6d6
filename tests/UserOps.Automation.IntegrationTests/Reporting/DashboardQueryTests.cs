using UserOps.Automation.Infrastructure.Reporting;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Reporting;

public sealed class SqliteDashboardQueryTests
{
    [Fact]
    public Task Daily_CountsSendsJourneysRecallAndCoupons_InSqlite() => TestDatabase.OnSqliteAsync(DashboardAssertions.DailyAsync);

    [Fact]
    public Task Hourly_PutsEachRowInItsHour_InSqlite() => TestDatabase.OnSqliteAsync(DashboardAssertions.HourlyAsync);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDashboardQueryTests(PostgresServer server)
{
    [PostgresFact]
    public Task Daily_CountsSendsJourneysRecallAndCoupons_InPostgres() => TestDatabase.OnPostgresAsync(server, DashboardAssertions.DailyAsync);

    [PostgresFact]
    public Task Hourly_PutsEachRowInItsHour_InPostgres() => TestDatabase.OnPostgresAsync(server, DashboardAssertions.HourlyAsync);
}

internal static class DashboardAssertions
{
    public static async Task DailyAsync(TestDatabase database)
    {
        await DashboardSeed.SeedAsync(database);
        var range = DashboardRange.Create(DashboardSeed.Day1, DashboardSeed.Day1.AddDays(2), "day").Range!;

        var report = await DashboardSeed.Query(database).RunAsync(range, CancellationToken.None);

        Assert.Equal([DashboardSeed.Day1, DashboardSeed.Day2], report.Buckets);
        var email = report.Sends.Single(s => s.Channel == "Email");
        Assert.Equal([new MessageCounts(2, 1, 1, 0, 0, 0), new MessageCounts(0, 1, 0, 0, 0, 0)], email.Points);
        var sms = report.Sends.Single(s => s.Channel == "Sms");
        Assert.Equal([new MessageCounts(0, 0, 0, 1, 1, 0), new MessageCounts(2, 0, 0, 0, 0, 0)], sms.Points);
        Assert.Equal(new MessageCounts(0, 0, 0, 0, 0, 1), report.Sends.Single(s => s.Channel == "Push").Totals);
        Assert.Equal(new MessageCounts(4, 2, 1, 1, 1, 1), report.Totals);
        Assert.Equal((6 / 9.0, 1 / 9.0, 1 / 9.0), (report.Totals.DeliveryRate, report.Totals.FailureRate, report.Totals.SuppressionRate), RateComparer.Instance);
        Assert.Equal(new MessageCounts(1, 0, 1, 0, 0, 0), report.PreviousTotals);

        Assert.Equal(4, report.Journeys.Now);
        Assert.Equal([4L, 2L], report.Journeys.Entered);
        Assert.Equal([2L, 2L], report.Journeys.Ended);
        Assert.Equal([3L, 3L], report.Journeys.Active);

        var recall = report.Recall;
        Assert.Equal(["inactivity-recall", "winback-dash"], recall.Workflows.Select(w => w.DefinitionId));
        Assert.Equal((2L, 1L, 1L, 0L), Counts(recall.Workflows[0]));
        Assert.Equal((1L, 1L, 1L, 1L), Counts(recall.Workflows[1]));
        Assert.Equal((3L, 2L, 2L, 1L), Counts(recall.Overall));
        Assert.Equal(1 / 3.0, recall.Overall.Lift!.Value, 6);

        var coupons = report.Coupons;
        Assert.Equal([2L, 1L], coupons.Issued);
        Assert.Equal([1L, 1L], coupons.Redeemed);
        Assert.Equal((3L, 1L, 1L), (coupons.IssuedInRange, coupons.RedeemedOfIssued, coupons.ExpiredUnredeemed));
        Assert.Equal([new CampaignCoupons("recall-30", 2, 1), new CampaignCoupons("mayday", 1, 0)], coupons.Campaigns);
    }

    public static async Task HourlyAsync(TestDatabase database)
    {
        await DashboardSeed.SeedAsync(database);
        var range = DashboardRange.Create(DashboardSeed.Day1.AddHours(8), DashboardSeed.Day1.AddHours(12), "hour").Range!;

        var report = await DashboardSeed.Query(database).RunAsync(range, CancellationToken.None);

        Assert.Equal(4, report.Buckets.Count);
        var email = report.Sends.Single(s => s.Channel == "Email");
        Assert.Equal([0L, 0L, 4L, 0L], email.Points.Select(p => p.Total));
        Assert.Equal([1L, 2L, 0L, 0L], report.Journeys.Entered);
        Assert.Equal([0L, 1L, 0L, 0L], report.Journeys.Ended);

        // J7 entered the day before and is still running at 08:00.
        Assert.Equal([2L, 3L, 3L, 3L], report.Journeys.Active);
        Assert.Equal([0L, 1L, 0L, 0L], report.Coupons.Redeemed);
        Assert.Equal([0L, 0L, 1L, 1L], report.Coupons.Issued);
    }

    private static (long, long, long, long) Counts(RecallGroup g) => (g.Treated, g.TreatedReactivated, g.Holdout, g.HoldoutReactivated);

    private sealed class RateComparer : IEqualityComparer<(double, double, double)>
    {
        public static RateComparer Instance { get; } = new();

        public bool Equals((double, double, double) x, (double, double, double) y) =>
            Math.Abs(x.Item1 - y.Item1) < 1e-9 && Math.Abs(x.Item2 - y.Item2) < 1e-9 && Math.Abs(x.Item3 - y.Item3) < 1e-9;

        public int GetHashCode((double, double, double) obj) => 0;
    }
}

public sealed class DashboardRangeTests
{
    [Fact]
    public void Create_RoundsOutToWholeBuckets_AndTakesAZonelessInstantAsUtc()
    {
        var range = DashboardRange.Create(new DateTime(2025, 6, 1, 8, 30, 0), new DateTime(2025, 6, 1, 10, 5, 0, DateTimeKind.Utc), "hour").Range!;

        Assert.Equal((new DateTime(2025, 6, 1, 8, 0, 0, DateTimeKind.Utc), new DateTime(2025, 6, 1, 11, 0, 0, DateTimeKind.Utc), 3), (range.From, range.To, range.Count));
        Assert.Equal(DateTimeKind.Utc, range.From.Kind);
    }

    [Fact]
    public void Create_TooManyBuckets_IsRefusedNamingTheBucket()
    {
        var (range, field, _) = DashboardRange.Create(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc), "hour");

        Assert.Null(range);
        Assert.Equal("bucket", field);
    }
}
