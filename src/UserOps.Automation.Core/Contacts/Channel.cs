namespace UserOps.Automation.Core.Contacts;

/// <summary>A channel a message can travel on.</summary>
public enum Channel
{
    Email,
    Sms,
    Push,
}
