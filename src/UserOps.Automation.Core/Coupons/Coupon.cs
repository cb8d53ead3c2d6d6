namespace UserOps.Automation.Core.Coupons;

/// <summary>A unique coupon code issued to one contact from a campaign; it expires (loss aversion: "use it within 7 days").</summary>
public sealed class Coupon
{
    private Coupon()
    {
        Code = string.Empty;
        Campaign = string.Empty;
        Value = string.Empty;
        IdempotencyKey = string.Empty;
    }

    public Coupon(string code, string campaign, string value, long contactId, string idempotencyKey, DateTime issuedAt, DateTime expiresAt)
    {
        Code = code;
        Campaign = campaign;
        Value = value;
        ContactId = contactId;
        IdempotencyKey = idempotencyKey;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
    }

    public long Id { get; private set; }
    public string Code { get; private set; }
    public string Campaign { get; private set; }
    public string Value { get; private set; }
    public long ContactId { get; private set; }
    public long? JourneyId { get; init; }
    public string IdempotencyKey { get; private set; }
    public DateTime IssuedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? RedeemedAt { get; private set; }

    public bool Redeem(DateTime at)
    {
        if (RedeemedAt is not null || at > ExpiresAt)
        {
            return false;
        }

        RedeemedAt = at;
        return true;
    }
}
