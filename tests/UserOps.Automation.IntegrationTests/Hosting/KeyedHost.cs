using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using UserOps.Automation.Host.Hosting;

namespace UserOps.Automation.IntegrationTests.Hosting;

/// <summary>
/// The real host on a loopback port and its own SQLite file, without demo data or Quartz, with an admin API key that
/// <see cref="Http"/> sends: what API tests need to talk to the host as a script would.
/// </summary>
internal sealed class KeyedHost : IAsyncDisposable
{
    private readonly string? _ownedFolder;

    private KeyedHost(string? ownedFolder, WebApplication app, HttpClient http)
    {
        _ownedFolder = ownedFolder;
        App = app;
        Http = http;
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    /// <summary>A host on a new folder, deleted with the host; <paramref name="settings"/> are extra <c>--Key=value</c> arguments.</summary>
    public static async Task<KeyedHost> StartAsync(string name, params string[] settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"userops-{name}-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return await StartAsync(name, folder, ownsFolder: true, settings);
    }

    /// <summary>A host on the SQLite file in <paramref name="folder"/>, which outlives it: a restart is a second host on the same folder.</summary>
    public static Task<KeyedHost> StartOnAsync(string folder, string name, params string[] settings) => StartAsync(name, folder, ownsFolder: false, settings);

    private static async Task<KeyedHost> StartAsync(string name, string folder, bool ownsFolder, string[] settings)
    {
        var key = $"test-write-key-{name}";
        var app = AutomationHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--Database:ConnectionString=Data Source={Path.Combine(folder, "host.db")}",
            "--Access:CreateFirstKey=false",
            "--Demo:Seed=false",
            "--Quartz:Enabled=false",
            "--Access:WriteKeys:0:Name=test",
            $"--Access:WriteKeys:0:Key={key}",
            .. settings,
        ]);
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new KeyedHost(ownsFolder ? folder : null, app, http);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_ownedFolder is not null)
        {
            Directory.Delete(_ownedFolder, recursive: true);
        }
    }
}
