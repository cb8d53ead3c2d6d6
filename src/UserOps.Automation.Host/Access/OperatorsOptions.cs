using System.ComponentModel.DataAnnotations;

namespace UserOps.Automation.Host.Access;

/// <summary>Operator sign-in: the first admin, lock-out, password length and the session's lifetime.</summary>
public sealed class OperatorsOptions
{
    public const string SectionName = "Operators";

    /// <summary>Created on the first start when no operator exists.</summary>
    public InitialAdminOptions InitialAdmin { get; set; } = new();

    /// <summary>Wrong passwords in a row that lock an operator out.</summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a lock-out lasts.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    [Range(8, 128)]
    public int MinPasswordLength { get; set; } = 12;

    /// <summary>A session ends after this long without a request (sliding).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);
}

public sealed class InitialAdminOptions
{
    public string UserName { get; set; } = "admin";

    /// <summary>Empty: a random one-time password is printed once to the terminal and must be changed at first sign-in.</summary>
    public string Password { get; set; } = string.Empty;
}
