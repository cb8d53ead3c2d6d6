using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using Xunit;

namespace UserOps.Automation.Testing;

/// <summary>
/// A throwaway PostgreSQL server for one test run: initdb into a temporary folder, postgres on
/// 127.0.0.1 and a free port with durability off (the data dies with the run), a fresh database per
/// caller, and everything killed and deleted at the end — also when the run crashes (finalizer and
/// ProcessExit hook). Shared through an xunit collection fixture; tests that need it use
/// <see cref="PostgresFactAttribute"/>, which skips them where the Debian binaries are absent.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime, IDisposable
{
    private const string SystemUser = "postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _log = new();
    private Process? _process;
    private string? _root;
    private int _databases;

    ~PostgresServer() => Kill();

    /// <summary>The folder of the newest installed PostgreSQL's binaries, or null.</summary>
    public static string? BinFolder { get; } = FindBinFolder();

    /// <summary>Why PostgreSQL tests are skipped here, or null when they can run.</summary>
    public static string? SkipReason => BinFolder is null
        ? "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin (install the Debian 'postgresql' package; .ci/run does)"
        : null;

    public int Port { get; private set; }

    /// <summary>
    /// Server settings ("name=value") applied after the test defaults (which trade durability for speed: fsync,
    /// synchronous commit and full-page writes off) and before <c>USEROPS_PG_SETTINGS</c>: the bench passes
    /// <see cref="Production"/>.
    /// </summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>
    /// A durable server sized like a production one (docs/performance.md, session 7): fsync, synchronous commit and
    /// full-page writes on, 2 GB of shared buffers, checkpoints every 8 GB of WAL or 15 minutes.
    /// </summary>
    public static IReadOnlyList<string> Production { get; } =
        ["fsync=on", "synchronous_commit=on", "full_page_writes=on", "shared_buffers=2GB", "max_wal_size=8GB", "checkpoint_timeout=15min"];

    /// <summary>Superuser connection to the <c>postgres</c> maintenance database.</summary>
    public string AdminConnectionString => Connection("postgres");

    public string Connection(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = SystemUser, Database = database, Timeout = 15 }.ConnectionString;

    public async Task InitializeAsync()
    {
        if (BinFolder is null)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        _root = Directory.CreateTempSubdirectory("userops-pg-").FullName;
        var data = Path.Combine(_root, "data");
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb and postgres refuse to run as root: the folder goes to the postgres system user.
            await RunAsync("chown", ["-R", $"{SystemUser}:{SystemUser}", _root]);
        }

        await RunAsync(Path.Combine(BinFolder, "initdb"), ["-D", data, "-U", SystemUser, "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"], asRoot);

        Port = FreePort();
        _process = Start(Path.Combine(BinFolder, "postgres"),
            ["-D", data, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", data,
             "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
             "-c", "max_connections=200", .. Settings.SelectMany(setting => new[] { "-c", setting }), .. DiagnosticSettings()],
            asRoot);
        await WaitUntilReadyAsync();
    }

    /// <summary>Creates an empty database with a unique name (optionally a copy of <paramref name="template"/>) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test", string? template = null, CancellationToken cancellationToken = default)
    {
        if (_process is null)
        {
            throw new InvalidOperationException(SkipReason ?? "The PostgreSQL server is not started.");
        }

        // PostgreSQL names are at most 63 bytes; the counter and the GUID keep them unique.
        var safe = Sanitize(prefix).ToLowerInvariant();
        var name = $"{safe[..Math.Min(20, safe.Length)]}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        var sql = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return Connection(name);
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        NpgsqlConnection.ClearAllPools();
        Kill();
        GC.SuppressFinalize(this);
    }

    private void OnProcessExit(object? sender, EventArgs e) => Kill();

    private void Kill()
    {
        try
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process?.Dispose();
        _process = null;
        try
        {
            if (_root is not null && Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: the folder is under the temp folder.
        }
        catch (UnauthorizedAccessException)
        {
        }

        _root = null;
    }

    private async Task WaitUntilReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"postgres exited with code {_process.ExitCode}:{Environment.NewLine}{Log()}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException && clock.Elapsed < StartTimeout)
            {
                await Task.Delay(100);
            }
        }
    }

    private string Log()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    private Process Start(string file, IReadOnlyList<string> arguments, bool asSystemUser)
    {
        // setpriv execs (no child process in between), so killing the process kills postgres itself.
        var info = asSystemUser
            ? new ProcessStartInfo("setpriv") { ArgumentList = { $"--reuid={SystemUser}", $"--regid={SystemUser}", "--init-groups", "--", file } }
            : new ProcessStartInfo(file);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asSystemUser = false)
    {
        using var process = Start(file, arguments, asSystemUser);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed with exit code {process.ExitCode}:{Environment.NewLine}{Log()}");
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    // Extra "-c name=value" settings from USEROPS_PG_SETTINGS (';'-separated), to make a run's server say which
    // statement is slow (auto_explain, a log file): docs/performance.md, session 6, ingest.
    private static string[] DiagnosticSettings() =>
        (Environment.GetEnvironmentVariable("USEROPS_PG_SETTINGS") ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(s => new[] { "-c", s })
            .ToArray();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Sanitize(string prefix) =>
        new(prefix.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    private static string? FindBinFolder()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.EnumerateDirectories(root)
            .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
            .Where(d => d.Version >= 0 && File.Exists(Path.Combine(d.Dir, "bin", "initdb")) && File.Exists(Path.Combine(d.Dir, "bin", "postgres")))
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Dir, "bin"))
            .FirstOrDefault();
    }
}
