namespace UserOps.Automation.Infrastructure.Reporting;

/// <summary>The console dashboard over [<see cref="From"/>, <see cref="To"/>) in UTC buckets; every series is aligned with <see cref="Buckets"/>.</summary>
public sealed record DashboardReport(
    DateTime From,
    DateTime To,
    string Bucket,
    IReadOnlyList<DateTime> Buckets,
    IReadOnlyList<ChannelSends> Sends,
    MessageCounts Totals,
    MessageCounts PreviousTotals,
    ActiveJourneys Journeys,
    RecallReport Recall,
    CouponReport Coupons);

/// <summary>Messages created in a bucket by what became of them. Pending: queued, deferred or being sent.</summary>
public sealed record MessageCounts(long Sent, long Delivered, long Failed, long Suppressed, long Expired, long Pending)
{
    public static MessageCounts Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public long Total => Sent + Delivered + Failed + Suppressed + Expired + Pending;

    /// <summary>Messages whose fate is known (everything but pending): the denominator of the rates.</summary>
    public long Finished => Total - Pending;

    /// <summary>Handed to the provider (sent, or sent and confirmed delivered) among the finished.</summary>
    public double DeliveryRate => Rate(Sent + Delivered);

    public double FailureRate => Rate(Failed);

    public double SuppressionRate => Rate(Suppressed);

    public double ExpiryRate => Rate(Expired);

    public MessageCounts Plus(MessageCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Sent + other.Sent, Delivered + other.Delivered, Failed + other.Failed,
            Suppressed + other.Suppressed, Expired + other.Expired, Pending + other.Pending);
    }

    private double Rate(long count) => Finished == 0 ? 0 : (double)count / Finished;
}

public sealed record ChannelSends(string Channel, MessageCounts Totals, IReadOnlyList<MessageCounts> Points);

/// <summary>Active journeys now, and at the end of each bucket, with the entries and ends in each bucket.</summary>
public sealed record ActiveJourneys(long Now, IReadOnlyList<long> Active, IReadOnlyList<long> Entered, IReadOnlyList<long> Ended);

/// <summary>Reactivation of the contacts that entered a recall workflow in the range: treated against the holdout.</summary>
public sealed record RecallReport(RecallGroup Overall, IReadOnlyList<RecallGroup> Workflows);

/// <summary>
/// A contact counts as reactivated when its journey reached the workflow's goal or the contact was active again after
/// entering. Lift is the relative difference of the two rates (null without a holdout or when the holdout's rate is 0).
/// </summary>
public sealed record RecallGroup(string DefinitionId, string Name, long Treated, long TreatedReactivated, long Holdout, long HoldoutReactivated)
{
    public double TreatedRate => Treated == 0 ? 0 : (double)TreatedReactivated / Treated;

    public double HoldoutRate => Holdout == 0 ? 0 : (double)HoldoutReactivated / Holdout;

    public double? Lift => Holdout == 0 || HoldoutRate == 0 ? null : (TreatedRate - HoldoutRate) / HoldoutRate;
}

/// <summary>Coupons issued and redeemed per bucket; of those issued in the range, how many were redeemed and how many expired unused.</summary>
public sealed record CouponReport(
    IReadOnlyList<long> Issued,
    IReadOnlyList<long> Redeemed,
    long IssuedInRange,
    long RedeemedOfIssued,
    long ExpiredUnredeemed,
    IReadOnlyList<CampaignCoupons> Campaigns)
{
    public double RedemptionRate => IssuedInRange == 0 ? 0 : (double)RedeemedOfIssued / IssuedInRange;
}

public sealed record CampaignCoupons(string Campaign, long Issued, long Redeemed);
