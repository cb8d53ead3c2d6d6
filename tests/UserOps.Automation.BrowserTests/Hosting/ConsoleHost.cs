using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Infrastructure.Dispatch;
using UserOps.Automation.Infrastructure.Facts;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Segments;
using UserOps.Automation.Testing;

namespace UserOps.Automation.BrowserTests.Hosting;

/// <summary>
/// The real host on Kestrel at a free loopback port, serving the built console at <c>/</c>: its own SQLite file, no demo
/// data, no shipped workflows (the test designs its own), Quartz off, channels in capture mode and a fake clock. What the
/// Quartz jobs would do after the clock moved is done by <see cref="RunSchedulersAsync"/>.
/// </summary>
public sealed class ConsoleHost : WebApplicationFactory<Program>
{
    public const string WriteKey = "browser-tests-write-key-0123456789";
    public const string AdminUserName = "admin";
    public const string AdminPassword = "Console-tests-root-pw-1";

    private readonly string _folder = Directory.CreateTempSubdirectory("userops-browser-").FullName;

    // A Monday morning, UTC: the journeys' sends are not held by quiet hours or weekends.
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public DateTimeOffset Now => Clock.GetUtcNow();

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts Kestrel and learns the port it was given.</summary>
    public void Start()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.Single());
    }

    /// <summary>A client of the public API with the write key, as a script would call it.</summary>
    public HttpClient CreateApiClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WriteKey);
        return client;
    }

    /// <summary>
    /// What the scheduler's jobs do on their ticks, in their order: refresh the facts and then the segments, enrol the
    /// entrants and sweep the due journeys, dispatch the outbox until nothing is due.
    /// </summary>
    public async Task RunSchedulersAsync(CancellationToken cancellationToken = default)
    {
        await Services.GetRequiredService<FactsRefresher>().RefreshAsync(cancellationToken);
        await Services.GetRequiredService<SegmentRefresher>().RefreshAllAsync(cancellationToken);
        await Services.GetRequiredService<JourneyEngine>().PumpAsync("browser-tests", cancellationToken);
        var dispatcher = Services.GetRequiredService<OutboxDispatcher>();
        // The fake clock does not move while dispatching, so the budget only bounds a dispatcher that never idles.
        await dispatcher.DispatchAsync(TimeSpan.FromMinutes(1), cancellationToken);
    }

    /// <summary>Moves the fake clock, then does what the scheduler would have done meanwhile.</summary>
    public async Task AdvanceAsync(TimeSpan span, CancellationToken cancellationToken = default)
    {
        Clock.Advance(span);
        await RunSchedulersAsync(cancellationToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(_folder, "console.db")}");
        builder.UseSetting("Access:CreateFirstKey", "false");
        builder.UseSetting("Access:WriteKeys:0:Name", "browser-tests");
        builder.UseSetting("Access:WriteKeys:0:Key", WriteKey);
        builder.UseSetting("Operators:InitialAdmin:UserName", AdminUserName);
        builder.UseSetting("Operators:InitialAdmin:Password", AdminPassword);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Quartz:Enabled", "false");
        builder.UseSetting("Workflows:ImportOnStart", "false");
        builder.UseSetting("Console:Folder", RepositoryRoot.Combine("src", "UserOps.Automation.Console", "dist"));
        builder.UseSetting("Email:Mode", "Capture");
        builder.UseSetting("Sms:Mode", "Capture");
        builder.UseSetting("Push:Mode", "Capture");
        builder.UseSetting("Dispatch:QuietHours:Start", "00:00");
        builder.UseSetting("Dispatch:QuietHours:End", "00:00");
        builder.UseSetting("Dispatch:FrequencyCap:Count", "0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Kestrel warns that UseKestrel overrides the configured urls: expected here.
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Server.Kestrel", "Error");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
