namespace UserOps.Automation.Core.Operations;

public enum OperationStatus
{
    /// <summary>Started and not finished; <see cref="Operation.UpdatedAt"/> says when it last reported.</summary>
    Running,

    /// <summary>Finished; every item went through.</summary>
    Succeeded,

    /// <summary>Finished, but some items were rejected (see <see cref="Operation.Errors"/>).</summary>
    CompletedWithErrors,

    /// <summary>Stopped by an error before the end; <see cref="Operation.Message"/> says why.</summary>
    Failed,
}
