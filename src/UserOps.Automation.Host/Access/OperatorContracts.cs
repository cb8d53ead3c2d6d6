using UserOps.Automation.Core.Access;

namespace UserOps.Automation.Host.Access;

public sealed record SignInRequest(string? UserName, string? Password);

/// <summary>Who is signed in (or which key is calling): the answer of sign-in, <c>/me</c> and a password change.</summary>
public sealed record SessionInfo(string UserName, string Role, bool MustChangePassword);

/// <summary>Whether the caller is signed in, and as whom (<c>GET /api/auth/session</c>).</summary>
public sealed record SessionState(bool SignedIn, string? UserName, string? Role, bool MustChangePassword);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record CreateOperatorRequest(string? UserName, string? Password, string? Role);

public sealed record UpdateOperatorRequest(string? Role, bool? Disabled);

/// <summary>The only time a one-time password is shown.</summary>
public sealed record OneTimePassword(string UserName, string Password);

/// <summary>An operator as the API and the audit log show it: never the password hash.</summary>
public sealed record OperatorInfo(
    string UserName, string Role, bool Disabled, bool MustChangePassword, DateTime CreatedAt, DateTime? LastSignInAt, DateTime? LockedUntil, int FailedAttempts)
{
    public static OperatorInfo From(Operator op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return new(op.UserName, AccessRoles.Name(op.Role), op.Disabled, op.MustChangePassword, op.CreatedAt, op.LastSignInAt, op.LockedUntil, op.FailedAttempts);
    }
}
