using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Core.Audit;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Host.Segments;
using UserOps.Automation.Infrastructure.Audit;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Access;

/// <summary>Operators, for admins: list, create, change role, disable or enable, reset the password to a one-time one.</summary>
internal static class OperatorEndpoints
{
    public static void MapOperatorEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/operators").WithTags("Operators").RequireAuthorization(AutomationHost.WritePolicy).RequireRole(AccessRole.Admin);
        group.MapGet("/", async (AutomationDb db, CancellationToken cancellationToken) =>
            TypedResults.Ok((await db.Operators.AsNoTracking().OrderBy(o => o.UserName).ToListAsync(cancellationToken)).Select(OperatorInfo.From).ToList()));
        group.MapPost("/", CreateAsync);
        group.MapPut("/{userName}", UpdateAsync);
        group.MapPost("/{userName}/reset-password", ResetPasswordAsync);
    }

    private static async Task<Results<Created<OperatorInfo>, ValidationProblem, Conflict<ProblemDetailsBody>>> CreateAsync(
        CreateOperatorRequest request, AutomationDb db, OperatorPasswords passwords, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var userName = request.UserName?.Trim();
        if (string.IsNullOrEmpty(userName) || userName.Length > 100 || !userName.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            errors["userName"] = ["A user name of 1-100 letters, digits, '.', '-', '_' or '@' is required."];
        }

        if (!AccessRoles.TryParse(request.Role, out var role))
        {
            errors["role"] = [$"role must be one of {string.Join(", ", AccessRoles.Names)}."];
        }

        if (passwords.Problem(request.Password, userName) is { } problem)
        {
            errors["password"] = [problem];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await db.Operators.AnyAsync(o => o.UserName == userName, cancellationToken))
        {
            return TypedResults.Conflict(new ProblemDetailsBody("Operator exists", $"There is already an operator '{userName}'.", 409));
        }

        var op = new Operator(userName!, role, time.GetUtcNow().UtcDateTime);
        op.SetPassword(passwords.Hash(op, request.Password!), mustChange: false);
        db.Operators.Add(op);
        audit.Record(AuditEntities.Operator, op.UserName, AuditActions.Create, null, OperatorInfo.From(op));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/operators/{Uri.EscapeDataString(op.UserName)}", OperatorInfo.From(op));
    }

    private static async Task<Results<Ok<OperatorInfo>, ValidationProblem, NotFound<ProblemDetailsBody>, Conflict<ProblemDetailsBody>>> UpdateAsync(
        string userName, UpdateOperatorRequest request, AutomationDb db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var role = default(AccessRole);
        if (request.Role is not null && !AccessRoles.TryParse(request.Role, out role))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [$"role must be one of {string.Join(", ", AccessRoles.Names)}."] });
        }

        var op = await db.Operators.SingleOrDefaultAsync(o => o.UserName == userName, cancellationToken);
        if (op is null)
        {
            return NotFound(userName);
        }

        var before = OperatorInfo.From(op);
        var losesAdmin = op is { Role: AccessRole.Admin, Disabled: false } && ((request.Role is not null && role != AccessRole.Admin) || request.Disabled == true);
        if (losesAdmin && !await db.Operators.AnyAsync(o => o.Role == AccessRole.Admin && !o.Disabled && o.Id != op.Id, cancellationToken))
        {
            return TypedResults.Conflict(new ProblemDetailsBody("Last admin", $"'{userName}' is the last enabled admin; make another admin first.", 409));
        }

        if (request.Role is not null)
        {
            op.Role = role;
        }

        if (request.Disabled == true)
        {
            op.Disable();
        }
        else if (request.Disabled == false)
        {
            op.Enable();
        }

        audit.Record(AuditEntities.Operator, op.UserName, AuditActions.Update, before, OperatorInfo.From(op));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OperatorInfo.From(op));
    }

    private static async Task<Results<Ok<OneTimePassword>, NotFound<ProblemDetailsBody>>> ResetPasswordAsync(
        string userName, AutomationDb db, OperatorPasswords passwords, AuditTrail audit, CancellationToken cancellationToken)
    {
        var op = await db.Operators.SingleOrDefaultAsync(o => o.UserName == userName, cancellationToken);
        if (op is null)
        {
            return NotFound(userName);
        }

        var before = OperatorInfo.From(op);
        var password = OperatorPasswords.Generate();
        op.SetPassword(passwords.Hash(op, password), mustChange: true);
        audit.Record(AuditEntities.Operator, op.UserName, AuditActions.ResetPassword, before, OperatorInfo.From(op));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new OneTimePassword(op.UserName, password));
    }

    private static NotFound<ProblemDetailsBody> NotFound(string userName) =>
        TypedResults.NotFound(new ProblemDetailsBody("Operator not found", $"There is no operator '{userName}'.", 404));
}
