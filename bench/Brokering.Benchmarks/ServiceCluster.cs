using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Brokering.Benchmarks;

/// <summary>
/// The service's own processes on this machine: two API processes (each with its silo) and two
/// worker processes on one PostgreSQL, over loopback, started from the published service or the
/// Release build with the environment a deployment would give them. The benchmarks kill, pause and
/// restart them, and restart PostgreSQL, as faults.
/// </summary>
internal sealed class ServiceCluster(string connection) : IAsyncDisposable
{
    public const string AdminEmail = "admin@load.test";
    public const string Password = "Load-Passw0rd!";

    private static readonly string Root = FindRoot();
    private readonly Process?[] _apis = new Process?[2];
    private readonly Process?[] _workers = new Process?[2];
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), $"brokering-load-{Guid.NewGuid():N}");

    public string[] Apis { get; } = ["http://127.0.0.1:5181", "http://127.0.0.1:5182"];

    public string ConnectionString => connection;

    /// <summary>Where the workers write the messages they send (the embedded file provider), one folder per worker.</summary>
    public string Outbox => _outbox;

    /// <summary>Where every process's log is written, kept after the run.</summary>
    public static string Logs { get; } = Path.Combine(Path.GetTempPath(), $"brokering-load-logs-{DateTime.UtcNow:yyyyMMdd-HHmmss}");

    /// <summary>The largest connection pool each process may open, or null for Npgsql's default of 100.</summary>
    public int? PoolSize { get; init; }

    public Task MigrateAsync() => RunToEndAsync(Api, ["migrate"], Environment());

    public async Task StartAsync()
    {
        for (var i = 0; i < 2; i++)
        {
            StartApi(i);
            StartWorker(i);
        }

        await Task.WhenAll(Apis.Select(WaitReadyAsync));
    }

    public void KillApi(int index) => _apis[index]?.Kill();

    public void KillWorker(int index) => _workers[index]?.Kill();

    public bool ApiRunning(int index) => _apis[index] is { HasExited: false };

    public bool WorkerRunning(int index) => _workers[index] is { HasExited: false };

    /// <summary>Stops (<paramref name="stop"/>, SIGSTOP) or resumes (SIGCONT) an API process: a silo that sleeps through its own death.</summary>
    public void PauseApi(int index, bool stop)
    {
        if (_apis[index] is { HasExited: false } api)
        {
            Signals.Send(api.Id, stop ? Signals.Stop : Signals.Continue);
        }
    }

    /// <summary>
    /// Restarts PostgreSQL with the command the script gave (<c>BROKERING_PG_RESTART</c>) and waits
    /// until it answers again and both API processes are ready.
    /// </summary>
    public async Task RestartPostgresAsync(CancellationToken cancellationToken)
    {
        var command = System.Environment.GetEnvironmentVariable("BROKERING_PG_RESTART")
            ?? throw new InvalidOperationException("BROKERING_PG_RESTART is not set: run the bench script, which sets it.");
        using (var restart = Process.Start(new ProcessStartInfo("sh", ["-c", command]) { RedirectStandardOutput = true })!)
        {
            await restart.WaitForExitAsync(cancellationToken);
        }

        while (true)
        {
            try
            {
                await BenchDatabase.ScalarAsync(connection, "SELECT 1");
                break;
            }
            catch (NpgsqlException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        await Task.WhenAll(Apis.Select(WaitReadyAsync));
    }

    /// <summary>Waits until the APIs and workers together use under a tenth of a core for two seconds running, or <paramref name="limit"/> passes.</summary>
    /// <returns>How long it waited.</returns>
    public async Task<TimeSpan> QuietAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var cpu = new CpuShare(Processes);
        for (var quietSeconds = 0; quietSeconds < 2 && clock.Elapsed < limit;)
        {
            var used = await cpu.OverAsync(TimeSpan.FromSeconds(1));
            quietSeconds = used["api"] + used["workers"] < 0.1 ? quietSeconds + 1 : 0;
        }

        return clock.Elapsed;
    }

    /// <summary>The service's processes by kind, for <see cref="CpuShare"/>.</summary>
    public Dictionary<string, int[]> Processes() => new()
    {
        ["api"] = [.. _apis.OfType<Process>().Where(p => !p.HasExited).Select(p => p.Id)],
        ["workers"] = [.. _workers.OfType<Process>().Where(p => !p.HasExited).Select(p => p.Id)],
    };

    /// <summary>Each API process hosts a silo; on one machine each needs a silo port of its own, and all advertise loopback.</summary>
    public void StartApi(int index) => _apis[index] = Start(Api, [], Environment(
        ("ASPNETCORE_URLS", Apis[index]), ("Brokering__Worker__InProcess", "false"),
        ("Brokering__Orleans__SiloPort", (11191 + index).ToString(CultureInfo.InvariantCulture)),
        ("Brokering__Orleans__AdvertisedAddress", "127.0.0.1")));

    public void StartWorker(int index) =>
        _workers[index] = Start(Worker, [], Environment(("Brokering__Notifications__File__Folder", Path.Combine(_outbox, $"worker-{index + 1}"))));

    /// <summary>Whether the API process answers its readiness check now.</summary>
    public Task<bool> ReadyAsync(int index) => ReadyAsync(Apis[index]);

    public static async Task WaitReadyAsync(string api)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await ReadyAsync(api))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{api} never became ready");
    }

    private static async Task<bool> ReadyAsync(string api)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            return (await probe.GetAsync($"{api}/health/ready")).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Where the bench script published the service, as its container images do; else the Release build.</summary>
    private static string? Published => System.Environment.GetEnvironmentVariable("BROKERING_BENCH_SERVICE");

    private static string Api => Service("Api");

    private static string Worker => Service("Worker");

    private static string Service(string project) => Published is { } folder
        ? Path.Combine(folder, project, $"Brokering.{project}.dll")
        : Path.Combine(Root, $"src/Brokering.{project}/bin/Release/net10.0/Brokering.{project}.dll");

    private Dictionary<string, string> Environment(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = PoolSize is { } size
                ? new NpgsqlConnectionStringBuilder(connection) { MaxPoolSize = size }.ToString()
                : connection,
            ["Brokering__Database__MigrateOnStart"] = "false",
            ["Brokering__Bootstrap__Email"] = AdminEmail,
            ["Brokering__Bootstrap__Password"] = Password,
            ["Brokering__RateLimits__SignInPerMinute"] = "1000000",
            ["Brokering__Postcodes__SeedDemo"] = "false",
            ["Brokering__Notifications__File__Folder"] = Path.Combine(_outbox, "api"),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static Process Start(string dll, string[] args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        // The processes log at Warning; each log goes to a file of its own, so a failed check can be traced.
        Directory.CreateDirectory(Logs);
        var log = TextWriter.Synchronized(new StreamWriter(Path.Combine(Logs, $"{Path.GetFileNameWithoutExtension(dll)}-{process.Id}.log")) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => log.WriteLine(e.Data);
        process.ErrorDataReceived += (_, e) => log.WriteLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task RunToEndAsync(string dll, string[] args, Dictionary<string, string> environment)
    {
        using var process = Start(dll, args, environment);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(dll)} {string.Join(' ', args)} exited with {process.ExitCode}");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Brokering.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Brokering.sln not found above the benchmark");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _apis.Concat(_workers).OfType<Process>())
        {
            try
            {
                if (!process.HasExited)
                {
                    // A stopped process must be resumed to die of anything but SIGKILL; Kill is SIGKILL.
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
            catch (InvalidOperationException)
            {
            }
        }

        Array.Clear(_apis);
        Array.Clear(_workers);
    }
}

/// <summary>A throwaway database per run on the bench's PostgreSQL, and the few statements the benchmarks send themselves.</summary>
internal static class BenchDatabase
{
    public static string Server => System.Environment.GetEnvironmentVariable("BROKERING_TEST_POSTGRES")
        ?? throw new InvalidOperationException("BROKERING_TEST_POSTGRES is not set: run the bench script, which starts PostgreSQL.");

    /// <summary>Creates a database named <paramref name="prefix"/> plus a fresh id; returns its name and connection string.</summary>
    public static async Task<(string Name, string Connection)> CreateAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await ExecuteAsync(Server, $"CREATE DATABASE \"{name}\"");
        return (name, new NpgsqlConnectionStringBuilder(Server) { Database = name }.ToString());
    }

    public static async Task DropAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(Server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public static async Task<long> ScalarAsync(string connection, string sql, params NpgsqlParameter[] parameters)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.AddRange(parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Waits until every message due by now has gone, or <paramref name="limit"/> passes; returns the counts sent, waiting and failed.</summary>
    public static async Task<(long Sent, long Waiting, long Failed)> NotificationsDrainedAsync(string connection, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var waiting = await ScalarAsync(connection, """SELECT count(*) FROM "Notifications" WHERE "Status" = 'Pending' AND "DueAt" <= now()""");
            if (waiting == 0 || clock.Elapsed > limit)
            {
                return (await ScalarAsync(connection, """SELECT count(*) FROM "Notifications" WHERE "Status" = 'Sent'"""), waiting,
                    await ScalarAsync(connection, """SELECT count(*) FROM "Notifications" WHERE "Status" = 'Failed'"""));
            }

            await Task.Delay(1000);
        }
    }
}

/// <summary>POSIX signals .NET has no call for. The numbers are Linux's (x86-64 and arm64 alike).</summary>
internal static partial class Signals
{
    public const int Continue = 18;
    public const int Stop = 19;

    public static void Send(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
