using UserOps.Automation.Bench.Reporting;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>Runs the named scenario(s), printing figures as they come and writing the tables at the end.</summary>
internal static class ScenarioRunner
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var names = options.Scenario == "all" ? ["segments", "ingest", "blast", "sweep", "messaging"] : new[] { options.Scenario };
        await using var environment = new BenchEnvironment();
        Console.WriteLine($"machine: {Report.Machine()}");
        foreach (var name in names)
        {
            var report = new Report(name, options with { Scenario = name });
            Console.WriteLine(name == "messaging" ? $"== {name}, {options.Messages:N0} messages per channel" : $"== {name}, {options.Contacts:N0} contacts");
            Func<BenchEnvironment, BenchOptions, Report, Task> run = name switch
            {
                "segments" => SegmentsScenario.RunAsync,
                "ingest" => IngestScenario.RunAsync,
                "blast" => BlastScenario.RunAsync,
                "sweep" => SweepScenario.RunAsync,
                "messaging" => MessagingScenario.RunAsync,
                "facts" => FactsScenario.RunAsync,
                _ => throw new ArgumentException($"unknown scenario '{name}'"),
            };
            await run(environment, options, report);
            await report.WriteAsync(BenchEnvironment.RepositoryRoot);
        }

        return 0;
    }
}
