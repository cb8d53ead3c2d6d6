namespace UserOps.Automation.Bench.Scenarios;

internal static class IngestScenario
{
    public static Task RunAsync(BenchEnvironment environment, BenchOptions options, Reporting.Report report) => Task.CompletedTask;
}
