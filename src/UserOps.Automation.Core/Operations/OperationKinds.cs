namespace UserOps.Automation.Core.Operations;

/// <summary>The long operations the console shows progress for.</summary>
public static class OperationKinds
{
    public const string ContactImport = "contact-import";
    public const string EventImport = "event-import";
    public const string SegmentRefresh = "segment-refresh";
    public const string Blast = "blast";
}
