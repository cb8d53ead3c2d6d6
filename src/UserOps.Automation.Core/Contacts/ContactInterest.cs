namespace UserOps.Automation.Core.Contacts;

/// <summary>
/// A category a contact has shown interest in (searched, viewed or bought), derived from the
/// <c>category</c> property of its events.
/// </summary>
public sealed class ContactInterest
{
    private ContactInterest()
    {
        Category = string.Empty;
    }

    public ContactInterest(string category, DateTime seenAt)
    {
        Category = category;
        LastSeenAt = seenAt;
    }

    public long ContactId { get; private set; }
    public string Category { get; private set; }
    public int Count { get; private set; }
    public DateTime LastSeenAt { get; private set; }

    internal void Seen(DateTime at)
    {
        Count++;
        if (at > LastSeenAt)
        {
            LastSeenAt = at;
        }
    }
}
