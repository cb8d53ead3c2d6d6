namespace UserOps.Automation.Bench.Reporting;

/// <summary>One measured figure: what, on which database, its value and unit, and the target it is held to (if any).</summary>
internal sealed record Figure(string Name, string Database, double Value, string Unit, string? Target = null, bool? Met = null)
{
    public string Verdict => Met switch { true => "met", false => "MISSED", null => string.Empty };
}
