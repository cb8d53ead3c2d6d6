using System.Text.Json.Nodes;
using UserOps.Automation.Core.Operations;

namespace UserOps.Automation.Host.Operations;

/// <summary>An operation as the API shows it; <see cref="Fraction"/> is null while the total is unknown.</summary>
public sealed record OperationView(
    long Id,
    string Kind,
    string? Subject,
    string Status,
    string Unit,
    long Processed,
    long? Total,
    double? Fraction,
    long Errors,
    IReadOnlyList<OperationError> FirstErrors,
    JsonObject Counts,
    string? Message,
    string? StartedBy,
    string? Owner,
    DateTime HeartbeatAt,
    DateTime StartedAt,
    DateTime UpdatedAt,
    DateTime? FinishedAt)
{
    public static OperationView From(Operation o, bool withErrors = true)
    {
        ArgumentNullException.ThrowIfNull(o);
        double? fraction = o.Total is > 0 ? Math.Clamp((double)o.Processed / o.Total.Value, 0, 1) : o.IsFinished ? 1 : null;
        return new(o.Id, o.Kind, o.Subject, o.Status.ToString(), o.Unit, o.Processed, o.Total, fraction, o.Errors,
            withErrors ? o.FirstErrors : [], o.Counts, o.Message, o.StartedBy, o.Owner, o.HeartbeatAt, o.StartedAt, o.UpdatedAt, o.FinishedAt);
    }
}
