using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Reliability;

/// <summary>
/// The real host as a child process (<c>dotnet UserOps.Automation.Host.dll</c> from its build output), configured by
/// environment variables, on a free loopback port. <see cref="Kill"/> is a real kill (SIGKILL of the process tree),
/// not a graceful stop: nothing the host holds in memory survives it.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    public const string WriteKey = "reliability-test-write-key-0123456789";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri baseAddress, string name)
    {
        _process = process;
        Name = name;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WriteKey);
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The host's build output next to this test's (same configuration and target framework).</summary>
    public static string HostDll { get; } = FindHostDll();

    /// <summary>Everything the host wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a host with the test defaults plus <paramref name="settings"/> (environment variable names, <c>__</c> for sections) and waits for /health.</summary>
    public static async Task<HostProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { HostDll },
            WorkingDirectory = Path.GetDirectoryName(HostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Demo__Seed"] = "false",
            ["Access__WriteKeys__0__Name"] = "reliability",
            ["Access__WriteKeys__0__Key"] = WriteKey,
            ["Access__CreateFirstKey"] = "false",
            ["Workflows__ImportOnStart"] = "false",
            ["Rules__Folder"] = RepositoryRoot.Combine("rules"),
            ["Workflows__Folder"] = RepositoryRoot.Combine("workflows"),
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Quartz"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), name);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitHealthyAsync(cancellationToken);
        }
        catch
        {
            host.Kill();
            throw;
        }

        return host;
    }

    /// <summary>SIGKILL to the host and its children, then waits until it is gone.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        Client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Host {Name} exited with code {_process.ExitCode}:{Environment.NewLine}{Output}");
            }

            if (clock.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"Host {Name} did not answer /health within {StartTimeout}:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindHostDll()
    {
        // tests/UserOps.Automation.IntegrationTests/bin/<Configuration>/<tfm>/ → src/UserOps.Automation.Host/bin/<Configuration>/<tfm>/
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var path = RepositoryRoot.Combine("src", "UserOps.Automation.Host", "bin", configuration, tfm, "UserOps.Automation.Host.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Build the host first: {path} is missing.", path);
    }
}
