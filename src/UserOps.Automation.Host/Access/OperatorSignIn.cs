using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Core.Audit;
using UserOps.Automation.Infrastructure.Audit;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Access;

/// <summary>Checks a user name and password, counting failures and locking the operator out after too many.</summary>
internal sealed class OperatorSignIn(AutomationDb db, OperatorPasswords passwords, AuditTrail audit, IOptions<OperatorsOptions> options, TimeProvider time)
{
    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<SignInResult> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var op = await db.Operators.SingleOrDefaultAsync(o => o.UserName == userName, cancellationToken);
        if (op is not null && op.IsLockedOut(now))
        {
            return new SignInResult(null, op.LockedUntil);
        }

        if (!passwords.Verify(op, password) || op!.Disabled)
        {
            if (op is not null && !op.Disabled)
            {
                op.RecordFailure(now, options.Value.MaxFailedAttempts, options.Value.LockoutDuration);
                if (op.IsLockedOut(now))
                {
                    audit.Record(AuditEntities.Operator, op.UserName, AuditActions.LockOut, null, OperatorInfo.From(op));
                }

                await db.SaveChangesAsync(cancellationToken);
                return new SignInResult(null, op.IsLockedOut(now) ? op.LockedUntil : null);
            }

            return new SignInResult(null, null);
        }

        op.RecordSignIn(now);
        await db.SaveChangesAsync(cancellationToken);
        return new SignInResult(op, null);
    }

    /// <summary>Changes the operator's own password after checking the current one (a wrong one counts as a failed sign-in).</summary>
    public async Task<(Operator? Operator, Dictionary<string, string[]> Errors)> ChangePasswordAsync(
        string userName, string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var op = await db.Operators.SingleOrDefaultAsync(o => o.UserName == userName, cancellationToken);
        if (op is null || op.Disabled || op.IsLockedOut(now))
        {
            return (null, new() { ["currentPassword"] = ["The session's operator cannot change its password now; sign in again."] });
        }

        if (!passwords.Verify(op, currentPassword ?? string.Empty))
        {
            op.RecordFailure(now, options.Value.MaxFailedAttempts, options.Value.LockoutDuration);
            await db.SaveChangesAsync(cancellationToken);
            return (null, new() { ["currentPassword"] = ["The current password is wrong."] });
        }

        if (passwords.Problem(newPassword, userName) is { } problem)
        {
            return (null, new() { ["newPassword"] = [problem] });
        }

        if (newPassword == currentPassword)
        {
            return (null, new() { ["newPassword"] = ["The new password must differ from the current one."] });
        }

        var before = OperatorInfo.From(op);
        op.SetPassword(passwords.Hash(op, newPassword!), mustChange: false);
        audit.Record(AuditEntities.Operator, op.UserName, AuditActions.ChangePassword, before, OperatorInfo.From(op));
        await db.SaveChangesAsync(cancellationToken);
        return (op, []);
    }
}

/// <summary>The operator when the password was right; otherwise null, with the end of the lock-out if there is one.</summary>
internal sealed record SignInResult(Operator? Operator, DateTime? LockedUntil);
