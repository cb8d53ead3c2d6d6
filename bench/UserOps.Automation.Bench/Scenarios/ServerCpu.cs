using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// CPU seconds the PostgreSQL server spent (its postmaster and every process it forked, live or ended), read from
/// <c>/proc</c>. On a shared, loaded machine wall time measures the neighbours as much as the work; CPU time is the work.
/// </summary>
internal static class ServerCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Null when the server is not a local PostgreSQL whose processes can be read.</summary>
    public static async Task<double?> SecondsAsync(AutomationDb db)
    {
        if (db.Provider != DatabaseProvider.Postgres || !OperatingSystem.IsLinux())
        {
            return null;
        }

        var backend = await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
        var postmaster = Fields(backend) is { } b ? int.Parse(b[3], CultureInfo.InvariantCulture) : 0;
        if (Fields(postmaster) is not { } p)
        {
            return null;
        }

        // The postmaster's own time and its ended children's (cutime, cstime), plus its live children's own time.
        var ticks = Ticks(p, 13) + Ticks(p, 14) + Ticks(p, 15) + Ticks(p, 16);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Fields(pid) is { } c && c[3] == postmaster.ToString(CultureInfo.InvariantCulture))
            {
                ticks += Ticks(c, 13) + Ticks(c, 14);
            }
        }

        return ticks / TicksPerSecond;
    }

    /// <summary>The fields of /proc/pid/stat after the command name (index 0 is the pid, 3 the parent's pid).</summary>
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            return [stat[..stat.IndexOf(' ', StringComparison.Ordinal)], "comm", .. stat[(end + 2)..].Split(' ')];
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Ticks(string[] fields, int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
}
