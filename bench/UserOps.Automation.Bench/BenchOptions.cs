using System.Globalization;

namespace UserOps.Automation.Bench;

/// <summary>Command line of a scenario run: <c>segments --contacts 1000000 --providers sqlite,postgres</c>.</summary>
internal sealed record BenchOptions(string Scenario, int Contacts, IReadOnlyList<string> Providers, bool WriteReport, int Due, int PeerContacts, string CommandLine)
{
    public const int DefaultContacts = 1_000_000;

    /// <summary><c>messaging</c>: emails and SMS sent per run (one contact each).</summary>
    public int Messages { get; init; } = 100_000;

    /// <summary><c>messaging</c>: the SMS rate limit (messages/s) of the limited run; 0 skips that run.</summary>
    public double SmsRate { get; init; } = 1_000;

    /// <summary><c>messaging</c>: how many SMS the limited run sends (at the default rate, 30 s of sending).</summary>
    public int LimitedSms { get; init; } = 30_000;

    /// <summary>
    /// <c>blast</c>: contacts of the warm-up blast the child runs on a database of its own before its clock starts (a
    /// running host has jitted the sweep path long before a blast); 0 measures a cold process.
    /// </summary>
    public int WarmUp { get; init; } = 20_000;

    /// <summary><c>facts</c>: also refresh every shipped segment after each facts refresh, as the hourly job does.</summary>
    public bool Segments { get; init; } = true;

    public bool Runs(string provider) => Providers.Contains(provider, StringComparer.OrdinalIgnoreCase);

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("name a scenario: segments, ingest, blast, sweep, messaging, facts or all");
        }

        var contacts = DefaultContacts;
        int? due = null;
        int? peer = null;
        var providers = new List<string> { "sqlite", "postgres" };
        var report = true;
        var messages = 100_000;
        var smsRate = 1_000d;
        var limitedSms = 30_000;
        var warmUp = 20_000;
        var segments = true;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--contacts":
                    contacts = int.Parse(args[++i], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                    break;
                case "--due":
                    due = int.Parse(args[++i], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                    break;
                case "--peer-contacts":
                    peer = int.Parse(args[++i], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                    break;
                case "--providers":
                    providers = [.. args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    break;
                case "--messages":
                    messages = int.Parse(args[++i], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                    break;
                case "--sms-rate":
                    smsRate = double.Parse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture);
                    break;
                case "--limited-sms":
                    limitedSms = int.Parse(args[++i], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                    break;
                case "--warm-up":
                    warmUp = int.Parse(args[++i], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                    break;
                case "--no-segments":
                    segments = false;
                    break;
                case "--no-report":
                    report = false;
                    break;
                default:
                    throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        var command = "dotnet run -c Release --project bench/UserOps.Automation.Bench -- scenario " + string.Join(' ', args);
        return new BenchOptions(args[0], contacts, providers, report, due ?? Math.Max(1, contacts / 10), peer ?? Math.Min(contacts, 10_000), command)
        {
            Messages = messages,
            SmsRate = smsRate,
            LimitedSms = limitedSms,
            WarmUp = warmUp,
            Segments = segments,
        };
    }
}
