namespace UserOps.Automation.Core.Segments;

/// <summary>A named set of contacts defined by a rule; contacts enter and leave it as data and time change.</summary>
public sealed class Segment
{
    private Segment()
    {
        Key = string.Empty;
        Name = string.Empty;
        Rule = string.Empty;
    }

    public Segment(string key, string name, string rule, DateTime createdAt)
    {
        Key = key;
        Name = name;
        Rule = rule;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }

    /// <summary>Stable identifier used by workflows, e.g. <c>inactive-7d</c>.</summary>
    public string Key { get; private set; }

    public string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>The rule that defines membership, as <c>ruleSet/ruleName</c>.</summary>
    public string Rule { get; set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime? LastRefreshedAt { get; private set; }
    public int MemberCount { get; private set; }

    public void Refreshed(DateTime at, int memberCount)
    {
        LastRefreshedAt = at;
        MemberCount = memberCount;
    }
}
