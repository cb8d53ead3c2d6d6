using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Segments;

namespace UserOps.Automation.Host.Segments;

public sealed record SegmentRequest(string? Key, string? Name, string? Description, string? Rule)
{
    internal Dictionary<string, string[]> Validate(RuleCatalog rules, bool requireKey)
    {
        var errors = new Dictionary<string, string[]>();
        if (requireKey && (string.IsNullOrWhiteSpace(Key) || !System.Text.RegularExpressions.Regex.IsMatch(Key, "^[a-z0-9][a-z0-9-]{0,99}$")))
        {
            errors["key"] = ["Key is required: lower-case letters, digits and '-', at most 100 characters."];
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            errors["name"] = ["Name is required."];
        }

        if (string.IsNullOrWhiteSpace(Rule))
        {
            errors["rule"] = ["Rule is required: the name of a rule in rules/."];
        }
        else if (rules.Find(Rule) is not { } rule)
        {
            errors["rule"] = [$"There is no rule named '{Rule}'."];
        }
        else if (rule.UsesEvent)
        {
            errors["rule"] = [$"Rule '{Rule}' reads the triggering event, so it cannot define a segment."];
        }

        return errors;
    }
}

public sealed record SegmentSummary(
    string Key, string Name, string? Description, string Rule, int Members, DateTime? LastRefreshedAt, IReadOnlyList<SegmentTrendPoint> Trend)
{
    internal static SegmentSummary From(Segment segment, IEnumerable<SegmentRefresh> refreshes) =>
        new(segment.Key, segment.Name, segment.Description, segment.Rule, segment.MemberCount, segment.LastRefreshedAt,
            refreshes.OrderBy(r => r.At).Select(r => new SegmentTrendPoint(r.At, r.Members, r.Entered, r.Left)).ToList());
}

public sealed record SegmentTrendPoint(DateTime At, int Members, int Entered, int Left);

public sealed record SegmentDetail(SegmentSummary Segment, IReadOnlyList<SegmentMember> SampleMembers);

public sealed record SegmentMember(string ExternalId, string? Email, string? Phone, string Lifecycle, DateTime EnteredAt);

/// <summary>An RFC 7807 body for the not-found and conflict answers.</summary>
public sealed record ProblemDetailsBody(string Title, string Detail, int Status)
{
    public string Type => Status switch
    {
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        _ => "about:blank",
    };
}
