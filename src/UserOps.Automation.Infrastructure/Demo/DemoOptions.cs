using System.ComponentModel.DataAnnotations;

namespace UserOps.Automation.Infrastructure.Demo;

/// <summary>The demo data seeded on the first start (<c>Demo</c> section).</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Seed synthetic contacts when the store has none. Turn off for a real deployment.</summary>
    public bool Seed { get; set; } = true;

    [Range(0, 1_000_000)]
    public int Contacts { get; set; } = 3000;
}
