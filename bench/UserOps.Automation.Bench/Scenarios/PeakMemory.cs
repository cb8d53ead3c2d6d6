namespace UserOps.Automation.Bench.Scenarios;

/// <summary>The process's peak resident set so far (Linux <c>VmHWM</c>); falls back to the managed peak elsewhere.</summary>
internal static class PeakMemory
{
    public static long HighWaterMarkBytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }

        return Environment.WorkingSet;
    }
}
