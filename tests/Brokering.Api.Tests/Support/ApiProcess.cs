using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Brokering.Api.Tests.Support;

/// <summary>
/// A real <c>Brokering.Api</c> process on the fixture's PostgreSQL database, joining the cluster
/// <paramref name="cluster"/> with its silo on a port of its own. Its ports stay the same across a
/// kill and a restart, as a replica's would. The cluster's name is also its Orleans service id, so
/// its reminders are its own and not the fixture's host's, which shares the database.
/// <paramref name="settings"/> are further environment
/// variables (configuration keys with <c>__</c> for <c>:</c>).
/// </summary>
public sealed class ApiProcess(string connectionString, string cluster, bool gateway = false, IReadOnlyDictionary<string, string>? settings = null) : IAsyncDisposable
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
        start.Environment["Brokering__Orleans__ServiceId"] = cluster;
        start.Environment["Brokering__Orleans__SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Brokering__Orleans__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Brokering__Orleans__AdvertisedAddress"] = "127.0.0.1";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

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

    /// <summary>Starts <paramref name="apis"/> and waits until each answers.</summary>
    public static async Task StartAllAsync(HttpClient http, params ApiProcess[] apis)
    {
        foreach (var api in apis)
        {
            api.Start();
        }

        await Task.WhenAll(apis.Select(a => a.WaitUntilAnsweringAsync(http, TimeSpan.FromSeconds(90))));
    }

    /// <summary>
    /// A bearer token from this process itself: it runs on the machine's clock, not the test
    /// host's, so the test host's tokens would read as issued at another time.
    /// </summary>
    public async Task<string> SignInAsync(HttpClient http, string email, string password) =>
        (await Scenario.ReadAsync(await http.PostAsJsonAsync(new Uri(Address, "/api/v1/accounts/login"), new { email, password })))["accessToken"]!.GetValue<string>();

    /// <summary>A request to this process with <paramref name="token"/> and, if given, a JSON body.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(Address, path)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }

    /// <summary>Books a portion of <paramref name="offer"/> for <paramref name="diner"/> through this process.</summary>
    public Task<HttpResponseMessage> BookAsync(HttpClient http, string token, Guid offer, Guid diner) =>
        SendAsync(http, HttpMethod.Post, $"/api/v1/offers/{offer}/bookings", token, new { dinerId = diner });

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
