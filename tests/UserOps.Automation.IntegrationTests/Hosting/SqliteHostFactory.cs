using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.IntegrationTests.Hosting;

/// <summary>
/// The set-up the in-memory API test hosts share: the host over a SQLite file of its own (deleted at the end unless the
/// test gave <paramref name="file"/>, to restart on it), a fake clock, one API key from configuration, no demo data,
/// no Quartz. A subclass adds its own settings and services.
/// </summary>
public abstract class SqliteHostFactory(string name, string keyName, string key, DateTimeOffset start, string? file = null) : WebApplicationFactory<Program>
{
    private readonly string _file = file ?? Path.Combine(Path.GetTempPath(), $"userops-{name}-{Guid.NewGuid():N}.db");

    public FakeTimeProvider Time { get; } = new(start);

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public string DatabaseFile => _file;

    public AutomationDb CreateDb() => Services.GetRequiredService<IDbContextFactory<AutomationDb>>().CreateDbContext();

    /// <summary>A client sending the configured key.</summary>
    public HttpClient CreateAuthorizedClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A script-like client sending <paramref name="apiKey"/> and keeping no cookies.</summary>
    public HttpClient CreateKeyClient(string apiKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>Deletes a database file and its WAL; a test that restarts a host on the same file calls it once at the end.</summary>
    public static void DeleteDatabase(string file)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }
    }

    protected sealed override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:ConnectionString", $"Data Source={_file}");
        builder.UseSetting("Access:CreateFirstKey", "false");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Quartz:Enabled", "false");
        builder.UseSetting("Access:WriteKeys:0:Name", keyName);
        builder.UseSetting("Access:WriteKeys:0:Key", key);
        Configure(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            ConfigureServices(services);
        });
    }

    /// <summary>The subclass's own settings (<c>builder.UseSetting</c>) and logging.</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    /// <summary>The subclass's own test services, registered after the fake clock.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (file is null)
        {
            DeleteDatabase(_file);
        }
    }
}
