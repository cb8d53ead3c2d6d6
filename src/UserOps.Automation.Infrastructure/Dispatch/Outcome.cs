namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>
/// A pipeline stage's result or its exception, so that one stage failing does not leave another stage's task
/// unobserved: the dispatcher drains every round in flight first, then rethrows.
/// </summary>
internal readonly record struct Outcome<T>(T? Value, Exception? Error);

internal static class Outcome
{
    public static async Task<Outcome<T>> Of<T>(Task<T> task)
    {
        try
        {
            return new Outcome<T>(await task, null);
        }
        catch (Exception ex)
        {
            return new Outcome<T>(default, ex);
        }
    }

    public static async Task<Outcome<bool>> Of(Task task)
    {
        try
        {
            await task;
            return new Outcome<bool>(true, null);
        }
        catch (Exception ex)
        {
            return new Outcome<bool>(false, ex);
        }
    }
}
