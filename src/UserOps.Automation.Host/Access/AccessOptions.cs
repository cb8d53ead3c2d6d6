using UserOps.Automation.Core.Access;

namespace UserOps.Automation.Host.Access;

/// <summary>API write keys provisioned from configuration (for the demo and for automation); only their hashes are stored.</summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>Keys to make sure exist at start, e.g. <c>Access__WriteKeys__0__Key</c> from the environment.</summary>
    public List<ProvisionedKey> WriteKeys { get; set; } = [];

    /// <summary>On the very first start with no key at all, make one (editor role, for scripts and ingestion) and print it once to the console.</summary>
    public bool CreateFirstKey { get; set; } = true;
}

public sealed class ProvisionedKey
{
    public string Name { get; set; } = "configured";
    public string Key { get; set; } = string.Empty;

    /// <summary>Admin unless configured: whoever writes the configuration already controls the deployment (ADR 0008).</summary>
    public AccessRole Role { get; set; } = AccessRole.Admin;
}
