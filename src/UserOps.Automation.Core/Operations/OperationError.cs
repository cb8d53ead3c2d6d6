namespace UserOps.Automation.Core.Operations;

/// <summary>One problem an operation met: for an import, the file's line and column.</summary>
public sealed record OperationError(long? Line, string? Field, string Message);
