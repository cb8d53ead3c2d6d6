using System.Security.Cryptography;

namespace UserOps.Automation.Core.Access;

/// <summary>
/// A person who signs in to the console. The password hash is made and checked by the host (ASP.NET Core's
/// password hasher); this type keeps the rules around it: failed attempts, lock-out, the one-time password.
/// </summary>
public sealed class Operator
{
    private Operator()
    {
        UserName = string.Empty;
        PasswordHash = string.Empty;
        SecurityStamp = string.Empty;
    }

    public Operator(string userName, AccessRole role, DateTime createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        UserName = userName;
        Role = role;
        CreatedAt = createdAt;
        PasswordHash = string.Empty;
        SecurityStamp = NewStamp();
    }

    public long Id { get; private set; }
    public string UserName { get; private set; }
    public string PasswordHash { get; private set; }
    public AccessRole Role { get; set; }
    public int FailedAttempts { get; private set; }
    public DateTime? LockedUntil { get; private set; }

    /// <summary>Set with a one-time password: the operator may do nothing but choose a new one.</summary>
    public bool MustChangePassword { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime? LastSignInAt { get; private set; }
    public bool Disabled { get; private set; }

    /// <summary>Changes whenever the password changes or the operator is disabled; sessions carrying an older stamp end.</summary>
    public string SecurityStamp { get; private set; }

    public bool IsLockedOut(DateTime now) => LockedUntil is { } until && until > now;

    public void SetPassword(string passwordHash, bool mustChange)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
        MustChangePassword = mustChange;
        FailedAttempts = 0;
        LockedUntil = null;
        SecurityStamp = NewStamp();
    }

    /// <summary>Counts a wrong password; the <paramref name="maxAttempts"/>-th in a row locks the operator out until <paramref name="now"/> + <paramref name="lockout"/>.</summary>
    public void RecordFailure(DateTime now, int maxAttempts, TimeSpan lockout)
    {
        FailedAttempts++;
        if (FailedAttempts >= maxAttempts)
        {
            FailedAttempts = 0;
            LockedUntil = now + lockout;
        }
    }

    public void RecordSignIn(DateTime now)
    {
        FailedAttempts = 0;
        LockedUntil = null;
        LastSignInAt = now;
    }

    public void Disable()
    {
        if (!Disabled)
        {
            Disabled = true;
            SecurityStamp = NewStamp();
        }
    }

    public void Enable() => Disabled = false;

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
