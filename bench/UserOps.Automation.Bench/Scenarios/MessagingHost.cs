using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Infrastructure.Dispatch;
using UserOps.Automation.Infrastructure.Scheduling;
using UserOps.Automation.Testing;
using UserOps.Automation.Testing.Messaging;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// The real host over the scenario's database, on the real clock, with email through MailKit to the loopback SMTP
/// server and SMS through the Twilio SDK to the loopback Twilio fake. Quartz is off: the scenario runs the
/// product's <see cref="DispatchJob"/> back to back itself, so a cron tick's wait is not part of the figure.
/// Guards stay on (consent, suppression, frequency cap lookups) with quiet hours off and a cap no bench contact reaches.
/// </summary>
internal sealed class MessagingHost : WebApplicationFactory<Program>
{
    public const int SmtpConnections = 4;

    private readonly TestDatabase _database;
    private readonly FakeSmtpServer _smtp;
    private readonly FakeTwilioApi _twilio;
    private readonly double _smsRate;

    public MessagingHost(TestDatabase database, FakeSmtpServer smtp, FakeTwilioApi twilio, double smsRate)
    {
        _database = database;
        _smtp = smtp;
        _twilio = twilio;
        _smsRate = smsRate;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_USEROPS_AUTOMATION_HOST",
            Path.Combine(BenchEnvironment.RepositoryRoot, "src", "UserOps.Automation.Host"));
    }

    /// <summary>Builds the host (start-up seeders store the shipped templates) and returns the dispatch job the host would run.</summary>
    public DispatchJob Start() => ActivatorUtilities.CreateInstance<DispatchJob>(Services);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = _database.Provider.ToString(),
            ["Database:ConnectionString"] = _database.ConnectionString,
            ["Access:CreateFirstKey"] = "false",
            ["Demo:Seed"] = "false",
            ["Quartz:Enabled"] = "false",
            ["Rules:Folder"] = Path.Combine(BenchEnvironment.RepositoryRoot, "rules"),
            ["Workflows:Folder"] = Path.Combine(BenchEnvironment.RepositoryRoot, "workflows"),
            ["Templates:Folder"] = Path.Combine(BenchEnvironment.RepositoryRoot, "workflows", "templates"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Dispatch:PublicBaseUrl"] = "https://ops.example.com",
            ["Dispatch:UnsubscribeSecret"] = "bench-unsubscribe-secret",
            ["Dispatch:QuietHours:Start"] = "00:00",
            ["Dispatch:QuietHours:End"] = "00:00",
            ["Dispatch:FrequencyCap:Count"] = "10",
            ["Dispatch:Email:RatePerSecond"] = "0",
            ["Dispatch:Email:MaxConcurrent"] = Invariant(SmtpConnections),
            ["Dispatch:Sms:RatePerSecond"] = Invariant(_smsRate),
            ["Email:Mode"] = "Smtp",
            ["Email:From"] = "news@shop.example",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = Invariant(_smtp.Port),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:PoolSize"] = Invariant(SmtpConnections),
            ["Sms:Mode"] = "Twilio",
            ["Sms:Twilio:AccountSid"] = FakeTwilioApi.AccountSid,
            ["Sms:Twilio:AuthToken"] = FakeTwilioApi.AuthToken,
            ["Sms:Twilio:From"] = "+15005550006",
            ["Sms:Twilio:BaseUrl"] = _twilio.BaseUrl.ToString(),
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
