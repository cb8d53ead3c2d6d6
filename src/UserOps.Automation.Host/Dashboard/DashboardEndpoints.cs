using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Reporting;

namespace UserOps.Automation.Host.Dashboard;

/// <summary>The console dashboard's numbers: sends per channel over time, rates, active journeys, recall reactivation, coupons.</summary>
internal static class DashboardEndpoints
{
    public static void MapDashboardEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/dashboard", GetAsync).WithTags("Dashboard").RequireAuthorization(AutomationHost.WritePolicy);

    /// <param name="range">A preset reckoned on the host's clock: <c>24h</c>, <c>7d</c>, <c>30d</c>, <c>90d</c> (instead of from/to); the answer's from/to say what it used.</param>
    /// <param name="from">Start of the range (UTC); default seven days before <paramref name="to"/>.</param>
    /// <param name="to">End of the range (UTC, exclusive); default now.</param>
    /// <param name="bucket"><c>hour</c> or <c>day</c>; default hour for up to three days, else day.</param>
    private static async Task<Results<Ok<DashboardReport>, ValidationProblem>> GetAsync(
        DashboardQuery query, TimeProvider time, CancellationToken cancellationToken, DateTime? from = null, DateTime? to = null, string? bucket = null, [FromQuery(Name = "range")] string? preset = null)
    {
        var end = to ?? time.GetUtcNow().UtcDateTime;
        var (range, field, error) = string.IsNullOrEmpty(preset)
            ? DashboardRange.Create(from ?? end.AddDays(-7), end, string.IsNullOrEmpty(bucket) ? null : bucket)
            : from is not null || to is not null
                ? (null, "range", "Give either a preset 'range' or 'from' and 'to', not both.")
                : DashboardRange.Preset(preset, time.GetUtcNow().UtcDateTime);
        if (range is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field!] = [error!] });
        }

        return TypedResults.Ok(await query.RunAsync(range, cancellationToken));
    }
}
