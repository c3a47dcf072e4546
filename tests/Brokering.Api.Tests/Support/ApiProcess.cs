using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Brokering.Api.Tests.Support;

/// <summary>
/// A real <c>Brokering.Api</c> process on the fixture's PostgreSQL database, joining the cluster
/// <paramref name="cluster"/> with its silo on a port of its own. Its ports stay the same across a
/// kill and a restart, as a replica's would.
/// </summary>
public sealed class ApiProcess(string connectionString, string cluster, bool gateway = false) : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    public int SiloPort { get; } = BrokeringApp.FreePort();
    public int GatewayPort { get; } = gateway ? BrokeringApp.FreePort() : 0;
    public Uri Address { get; } = new($"http://127.0.0.1:{BrokeringApp.FreePort()}");

    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>What the process wrote, for a failure message.</summary>
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

    public void Start()
    {
        var api = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [api])
        {
            WorkingDirectory = Path.GetDirectoryName(api)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Postgres"] = connectionString;
        start.Environment["ASPNETCORE_URLS"] = Address.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Brokering__Database__MigrateOnStart"] = "false";
        start.Environment["Brokering__Worker__InProcess"] = "false";
        start.Environment["Brokering__Postcodes__SeedDemo"] = "false";
        start.Environment["Brokering__Orleans__ClusterId"] = cluster;
        start.Environment["Brokering__Orleans__SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Brokering__Orleans__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Brokering__Orleans__AdvertisedAddress"] = "127.0.0.1";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits until the process answers <c>/health/live</c>.</summary>
    public async Task WaitUntilAnsweringAsync(HttpClient http, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            Assert.False(HasExited, $"the API process stopped: {Output}");
            try
            {
                if ((await http.GetAsync(new Uri(Address, "/health/live"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        Assert.Fail($"the API process did not answer within {limit}: {Output}");
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
