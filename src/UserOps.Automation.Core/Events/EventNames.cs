namespace UserOps.Automation.Core.Events;

/// <summary>Event names the product gives a meaning to; any other name is stored and usable in rules as is.</summary>
public static class EventNames
{
    public const string Visit = "visit";
    public const string Purchase = "purchase";
    public const string Search = "search";
    public const string CheckIn = "check_in";
    public const string SignUp = "sign_up";
}
