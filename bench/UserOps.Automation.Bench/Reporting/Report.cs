using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace UserOps.Automation.Bench.Reporting;

/// <summary>
/// Prints each figure as it is measured and, at the end, writes the scenario's table into <c>docs/performance.md</c>
/// between markers of its own, so running one scenario leaves the other scenarios' tables in place.
/// </summary>
internal sealed class Report(string scenario, BenchOptions options)
{
    private readonly List<Figure> _figures = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<Figure> Figures => _figures;

    public void Add(Figure figure)
    {
        _figures.Add(figure);
        var target = figure.Target is null ? string.Empty : $"   target {figure.Target}: {figure.Verdict}";
        Console.WriteLine($"  [{figure.Database}] {figure.Name}: {Format(figure.Value)} {figure.Unit}{target}");
    }

    public void Add(string name, string database, double value, string unit) => Add(new Figure(name, database, value, unit));

    public void Note(string note)
    {
        _notes.Add(note);
        Console.WriteLine("  note: " + note);
    }

    public static string Format(double value) => value switch
    {
        >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("N1", CultureInfo.InvariantCulture),
        _ => value.ToString("N2", CultureInfo.InvariantCulture),
    };

    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").First().Split(':', 2)[1].Trim() : "?";
        return $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {memory} RAM, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; shared with other builds";
    }

    public async Task WriteAsync(string repositoryRoot)
    {
        if (!options.WriteReport)
        {
            return;
        }

        var path = Path.Combine(repositoryRoot, "docs", "performance.md");
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path) : Header;
        var begin = $"<!-- scenario:{scenario} -->";
        var end = $"<!-- /scenario:{scenario} -->";
        var section = begin + "\n" + Section() + end;
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? text[..from] + section + text[(to + end.Length)..]
            : text.TrimEnd() + "\n\n" + section + "\n";
        await File.WriteAllTextAsync(path, text);
        Console.WriteLine($"  written to {path}");
    }

    private string Section()
    {
        var at = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"## `{scenario}`\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Run {at} on {Machine()}.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"```\n{options.CommandLine}\n```\n\n");
        text.Append("| figure | database | value | unit | target | |\n|---|---|---:|---|---|---|\n");
        foreach (var f in _figures)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {f.Name} | {f.Database} | {Format(f.Value)} | {f.Unit} | {f.Target ?? string.Empty} | {f.Verdict} |\n");
        }

        if (_notes.Count > 0)
        {
            text.Append('\n');
            foreach (var note in _notes)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {note}\n");
            }
        }

        return text.Append('\n').ToString();
    }

    private const string Header =
        "# Performance\n\n" +
        "Figures from `bench/UserOps.Automation.Bench`. The machine is shared and noisy, so every speed target is a\n" +
        "**ratio to a floor or a peer measured in the same run** (hand-written SQL, raw COPY, the naive RulesEngine path,\n" +
        "WorkflowCore), never an absolute time asserted in a test. Each section below is rewritten when its scenario runs;\n" +
        "the command above each table reproduces it. Micro benchmarks: `dotnet run -c Release --project bench/UserOps.Automation.Bench -- micro`.\n";
}
