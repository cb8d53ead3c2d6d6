using System.Security.Cryptography;
using System.Text;

namespace UserOps.Automation.Core.Access;

/// <summary>
/// A write key for the API. Only its SHA-256 hash is stored: keys are long random strings, so a fast
/// hash is enough (a slow password hash would cost every request). The prefix lets operators tell keys apart.
/// </summary>
public sealed class ApiKey
{
    private const string KeyPrefix = "uak_";

    private ApiKey()
    {
        Name = string.Empty;
        Prefix = string.Empty;
        Hash = string.Empty;
    }

    private ApiKey(string name, string key, DateTime createdAt, AccessRole role)
    {
        Name = name;
        Role = role;
        Prefix = key.Length > 8 ? key[..8] : key;
        Hash = HashOf(key);
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public string Name { get; private set; }
    public string Prefix { get; private set; }
    public string Hash { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    /// <summary>What requests made with this key may do (see docs/adr/0008-roles-for-operators-and-api-keys.md for the defaults).</summary>
    public AccessRole Role { get; private set; }

    public bool IsActive => RevokedAt is null;

    /// <summary>Makes a new random key; the plain key is returned once and never stored.</summary>
    public static (ApiKey Key, string Secret) Generate(string name, DateTime createdAt, AccessRole role)
    {
        var secret = KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        return (new ApiKey(name, secret, createdAt, role), secret);
    }

    /// <summary>Stores the hash of a key given by configuration (for the demo and for automation).</summary>
    public static ApiKey FromSecret(string name, string secret, DateTime createdAt, AccessRole role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        return new ApiKey(name, secret, createdAt, role);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public void Revoke(DateTime at) => RevokedAt ??= at;

    /// <summary>A configured key keeps the role its configuration gives it, on every start.</summary>
    public void ChangeRole(AccessRole role) => Role = role;
}
