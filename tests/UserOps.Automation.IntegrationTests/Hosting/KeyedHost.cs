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
    private readonly string _folder;

    private KeyedHost(string folder, WebApplication app, HttpClient http)
    {
        _folder = folder;
        App = app;
        Http = http;
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public static async Task<KeyedHost> StartAsync(string name)
    {
        var key = $"test-write-key-{name}";
        var folder = Path.Combine(Path.GetTempPath(), $"userops-{name}-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var app = AutomationHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--Database:ConnectionString=Data Source={Path.Combine(folder, "host.db")}",
            "--Access:CreateFirstKey=false",
            "--Demo:Seed=false",
            "--Quartz:Enabled=false",
            "--Access:WriteKeys:0:Name=test",
            $"--Access:WriteKeys:0:Key={key}",
        ]);
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new KeyedHost(folder, app, http);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
