using BenchmarkDotNet.Running;
using UserOps.Automation.Bench.Scenarios;

namespace UserOps.Automation.Bench;

/// <summary>
/// <c>micro</c> runs the BenchmarkDotNet micro benchmarks; <c>scenario NAME [--contacts N]</c> runs an end-to-end
/// scenario against a throwaway PostgreSQL and a SQLite file, and prints (and records) every figure with its ratio
/// to a floor or peer measured in the same run. <c>child …</c> is the product side of a scenario in a process of its
/// own, so its peak memory is the product's alone.
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        // A run that dies must say why: an exception on a background thread or an unobserved task would otherwise end
        // the process with nothing on the console but its last progress line.
        AppDomain.CurrentDomain.UnhandledException += (_, e) => Console.Error.WriteLine($"bench: unhandled exception (terminating: {e.IsTerminating}): {e.ExceptionObject}");
        TaskScheduler.UnobservedTaskException += (_, e) => Console.Error.WriteLine($"bench: unobserved task exception: {e.Exception}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Console.Error.WriteLine($"bench: process exiting with code {Environment.ExitCode}");
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: micro [BenchmarkDotNet args] | scenario segments|ingest|blast|sweep|messaging|all [--contacts N] [--messages N] [--sms-rate R] [--warm-up N] [--no-report]");
            return 2;
        }

        switch (args[0])
        {
            case "micro":
                BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args[1..].Length == 0 ? ["--filter", "*"] : args[1..]);
                return 0;
            case "scenario":
                return await ScenarioRunner.RunAsync(BenchOptions.Parse(args[1..]));
            case "child":
                return await ChildProcess.RunAsync(args[1..]);
            default:
                await Console.Error.WriteLineAsync($"unknown command '{args[0]}'");
                return 2;
        }
    }
}
