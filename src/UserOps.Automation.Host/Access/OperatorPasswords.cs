using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Access;

namespace UserOps.Automation.Host.Access;

/// <summary>Hashes and checks operator passwords (ASP.NET Core's PBKDF2 hasher), makes one-time passwords, and says what a new password lacks.</summary>
internal sealed class OperatorPasswords(IOptions<OperatorsOptions> options)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private readonly PasswordHasher<Operator> _hasher = new();

    // Checked against when the user name is unknown, so an unknown name costs as much time as a wrong password.
    private readonly Lazy<string> _decoyHash = new(() => new PasswordHasher<Operator>().HashPassword(null!, Generate()));

    public string Hash(Operator op, string password) => _hasher.HashPassword(op, password);

    /// <summary>True when <paramref name="password"/> is the operator's; false (after the same work) when <paramref name="op"/> is null.</summary>
    public bool Verify(Operator? op, string password)
    {
        if (op is null || string.IsNullOrEmpty(op.PasswordHash))
        {
            _hasher.VerifyHashedPassword(null!, _decoyHash.Value, password);
            return false;
        }

        return _hasher.VerifyHashedPassword(op, op.PasswordHash, password) != PasswordVerificationResult.Failed;
    }

    /// <summary>A random password of 20 characters (about 117 bits), without look-alike characters.</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, 20);

    /// <summary>Why <paramref name="password"/> cannot be used, or null.</summary>
    public string? Problem(string? password, string? userName = null)
    {
        var min = options.Value.MinPasswordLength;
        if (string.IsNullOrEmpty(password) || password.Length < min)
        {
            return $"A password needs at least {min} characters.";
        }

        if (password.Length > 256)
        {
            return "A password has at most 256 characters.";
        }

        return userName is not null && password.Contains(userName, StringComparison.OrdinalIgnoreCase)
            ? "A password must not contain the user name."
            : null;
    }
}
