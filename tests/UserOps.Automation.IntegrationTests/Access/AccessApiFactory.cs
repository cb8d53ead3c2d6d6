using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UserOps.Automation.Host.Access;
using UserOps.Automation.IntegrationTests.Hosting;

namespace UserOps.Automation.IntegrationTests.Access;

/// <summary>
/// The host over its own SQLite file with a fake clock, an admin key from configuration, and what it shows on the
/// terminal and writes to the log captured. <paramref name="adminPassword"/> null: the first admin gets a one-time password.
/// </summary>
public sealed class AccessApiFactory(string? adminPassword = AccessApiFactory.AdminPassword, string? file = null)
    : SqliteHostFactory("access", "admin-key", AdminKey, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), file)
{
    public const string AdminPassword = "initial-passphrase-42";
    public const string AdminKey = "access-admin-key-0123456789";
    public const int MaxFailedAttempts = 3;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(10);

    /// <summary>What the host printed as secrets shown once.</summary>
    public StringWriter Terminal { get; } = new();

    /// <summary>Every log message the host wrote, formatted.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>A browser-like client: keeps cookies, sends the console's anti-forgery header.</summary>
    public HttpClient CreateConsoleClient(bool antiForgeryHeader = true)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        if (antiForgeryHeader)
        {
            client.DefaultRequestHeaders.Add(SessionGuardMiddleware.CsrfHeader, "XMLHttpRequest");
        }

        return client;
    }

    public async Task<HttpClient> SignedInAsync(string userName, string password)
    {
        var client = CreateConsoleClient();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName, password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>Creates an operator through the admin API and returns a signed-in client for it.</summary>
    public async Task<HttpClient> OperatorAsync(string userName, string role)
    {
        using var admin = CreateKeyClient(AdminKey);
        const string password = "correct-horse-battery-staple";
        (await admin.PostAsJsonAsync("/api/operators", new { userName, password, role })).EnsureSuccessStatusCode();
        return await SignedInAsync(userName, password);
    }

    public async Task<string> CreateKeyAsync(string name, string role)
    {
        using var admin = CreateKeyClient(AdminKey);
        var created = await (await admin.PostAsJsonAsync("/api/keys", new { name, role })).Content.ReadFromJsonAsync<JsonObject>();
        return created!["key"]!.GetValue<string>();
    }

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Operators:InitialAdmin:Password", adminPassword ?? string.Empty);
        builder.UseSetting("Operators:MaxFailedAttempts", MaxFailedAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Operators:LockoutDuration", Lockout.ToString());
        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(Log)).SetMinimumLevel(LogLevel.Trace));
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(new SecretConsole(Terminal));
}

/// <summary>Keeps every formatted log message (and exception) so a test can check what reached the log.</summary>
internal sealed class CapturingLoggerProvider(ConcurrentQueue<string> messages) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(messages);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception) + " " + state + " " + exception);
    }
}
