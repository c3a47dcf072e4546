using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Brokering.Benchmarks;

/// <summary>
/// Issue #8: two API processes and two worker processes on one PostgreSQL, all on loopback, under
/// a bounded load. Prints the booking race (confirmed per second, latency, oversell) beside its
/// ceiling measured in the same run (<see cref="BookingCeiling"/>: the same transaction sent straight
/// to PostgreSQL), "offers near me" reads (requests per second, latency), and a fault round (an API
/// process killed with SIGKILL and restarted, PostgreSQL restarted) with what was lost, duplicated or
/// failed outside the outage.
/// Run by <c>bench/load</c>, which starts PostgreSQL and builds the service first.
/// </summary>
public static class LoadBenchmark
{
    private const int Clients = 64;
    private const string AdminEmail = "admin@load.test";
    private const string Password = "Load-Passw0rd!";
    private const int FaultPortions = 12;
    private static readonly string[] Checks = ["identity", "dbs-basic", "food-hygiene", "references", "agreement"];

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var server = Environment.GetEnvironmentVariable("BROKERING_TEST_POSTGRES")
            ?? throw new InvalidOperationException("BROKERING_TEST_POSTGRES is not set: run bench/load, which starts PostgreSQL.");
        var restartPostgres = Environment.GetEnvironmentVariable("BROKERING_PG_RESTART")
            ?? throw new InvalidOperationException("BROKERING_PG_RESTART is not set: run bench/load.");
        var database = $"brokering_load_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
        Console.WriteLine($"load benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {Clients} clients, 2 API + 2 worker processes, PostgreSQL on the same machine{(quick ? " (quick)" : "")}");

        await using var cluster = new Cluster(connection);
        try
        {
            await cluster.MigrateAsync();
            await cluster.StartAsync();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            { Timeout = TimeSpan.FromSeconds(30) };
            var seed = await Seed.CreateAsync(http, cluster.Apis, quick);
            Console.WriteLine($"seeded: {seed.RaceOffers.Count} race offers of 3 portions and {seed.FaultOffers.Count} fault-round offers of {FaultPortions}, "
                + $"{seed.ReadPoints} offers spread for reads, {seed.Diners.Count} diners ({seed.Elapsed.TotalSeconds:0.0} s)");

            // Processes fresh from their start compile their hot code in the background for a minute or more. A warm-up
            // (bookings on offers and diners of its own, and reads), then a wait until the service's processes are quiet,
            // lets the ceiling and the race both measure a running service rather than its start.
            var warm = await BookingRound.RunAsync(http, cluster, seed, seed.WarmOffers, seed.WarmDiners, TimeSpan.FromSeconds(quick ? 10 : 20), faults: null);
            var warmReads = await ReadRound.RunAsync(http, cluster.Apis, seed, TimeSpan.FromSeconds(5));
            // The ceiling first, with the seed's messages sent, so both rounds start from a quiet machine.
            var quiet = await SettleAsync(cluster, connection);
            Console.WriteLine($"warm-up, not counted: {warm.Confirmed:N0} bookings and {warmReads.Requests:N0} reads, then {quiet.TotalSeconds:0} s until the service's processes used under a tenth of a core");
            var raceTime = TimeSpan.FromSeconds(quick ? 15 : 30);
            var cpu = new CpuShare(cluster.Processes);
            var (before, beforeCpu) = await cpu.MeasureAsync(() => BookingCeiling.RunAsync(connection, seed.RaceOffers, seed.Diners, Clients, raceTime));
            var statementsCounted = await StatementTimes.ResetAsync(server);
            var (race, raceCpu) = await cpu.MeasureAsync(() => BookingRound.RunAsync(http, cluster, seed, seed.RaceOffers, seed.Diners, raceTime, faults: null));
            var raceStatements = statementsCounted ? await StatementTimes.TopAsync(server, database, 6) : [];
            var raceOversold = await OversoldAsync(connection, seed.RaceOffers);
            var rate = race.Confirmed / race.Elapsed.TotalSeconds;

            // The ceiling again once the race's messages have gone: this machine's speed drifts from one minute to the
            // next, so the race is compared with the mean of the ceilings on either side of it. The reads after it
            // then also find the workers not sending.
            await SettleAsync(cluster, connection);
            var (after, afterCpu) = await cpu.MeasureAsync(() => BookingCeiling.RunAsync(connection, seed.RaceOffers, seed.Diners, Clients, raceTime));
            var ceilingCpu = CpuShare.Sum(beforeCpu, afterCpu);
            var ceilingRate = (before.PerSecond + after.PerSecond) / 2;
            Console.WriteLine();
            Console.WriteLine("bookings (64 clients racing for offers of 3 portions, across both API processes)");
            Console.WriteLine($"  confirmed {race.Confirmed:N0} of {seed.RaceOffers.Count * 3:N0} portions in {race.Elapsed.TotalSeconds:0.0} s = {rate:N0} bookings/s (target 1,000/s, or half the ceiling where it is under 2,000/s)");
            Console.WriteLine($"  {race.Requests:N0} requests (refused: {race.Refused:N0}); latency p50 {race.Latency(0.50):0.0} ms, p99 {race.Latency(0.99):0.0} ms");
            Console.WriteLine($"  oversold offers: {raceOversold} (must be 0)");
            Console.WriteLine($"  ceiling, the same transaction sent straight to PostgreSQL from {Clients} connections, before and after the race: "
                + $"{before.Confirmed:N0} and {after.Confirmed:N0} of {before.Portions:N0} portions in {before.Elapsed.TotalSeconds:0.0} and {after.Elapsed.TotalSeconds:0.0} s "
                + $"= {before.PerSecond:N0} and {after.PerSecond:N0} bookings/s (mean {ceilingRate:N0}), p99 {before.P99:0.0} and {after.P99:0.0} ms");
            Console.WriteLine($"  service / ceiling: {rate / ceilingRate:P0}");
            Console.WriteLine($"  race: {CpuShare.PerUnit(raceCpu, race.Confirmed, "confirmed booking")}");
            Console.WriteLine($"  ceiling: {CpuShare.PerUnit(ceilingCpu, before.Confirmed + after.Confirmed, "confirmed booking")}");
            Console.WriteLine(statementsCounted
                ? "  PostgreSQL's time in the race by statement (lock waits included), most first:"
                : "  PostgreSQL's time by statement: not counted (pg_stat_statements is not loaded; bench/load loads it)");
            foreach (var line in raceStatements)
            {
                Console.WriteLine("    " + line);
            }

            var readTime = TimeSpan.FromSeconds(quick ? 8 : 20);
            var bare = await ReadRound.RunAsync(http, cluster.Apis, seed, readTime / 2, trivial: true);
            var reads = await ReadRound.RunAsync(http, cluster.Apis, seed, readTime);
            var readRate = reads.Requests / reads.Elapsed.TotalSeconds;
            var bareRate = bare.Requests / bare.Elapsed.TotalSeconds;
            Console.WriteLine();
            Console.WriteLine("offers near me (GET /api/v1/offers within 3 km of a random point, 64 clients, both API processes)");
            Console.WriteLine($"  {reads.Requests:N0} requests in {reads.Elapsed.TotalSeconds:0.0} s = {readRate:N0} req/s (target 2,000); "
                + $"{reads.AverageFound:0.0} offers per answer; p50 {reads.Latency(0.50):0.0} ms, p99 {reads.Latency(0.99):0.0} ms (target under 50 ms); errors {reads.Errors}");
            Console.WriteLine($"  baseline, GET /health/live from the same clients: {bareRate:N0} req/s, p50 {bare.Latency(0.50):0.0} ms, p99 {bare.Latency(0.99):0.0} ms; "
                + $"near me / baseline: {readRate / bareRate:P0} of the rate, p99 {reads.Latency(0.99) / bare.Latency(0.99):0.0}x");
            // The latency target is for a given rate: asked on a schedule, not as fast as the clients can go.
            var paced = await ReadRound.RunAsync(http, cluster.Apis, seed, readTime / 2, offered: PacedReads);
            var pacedBare = await ReadRound.RunAsync(http, cluster.Apis, seed, readTime / 2, trivial: true, offered: PacedReads);
            Console.WriteLine($"  asked {PacedReads:N0} times a second on a schedule: answered {paced.Requests / paced.Elapsed.TotalSeconds:N0} req/s, p50 {paced.Latency(0.50):0.0} ms, "
                + $"p99 {paced.Latency(0.99):0.0} ms (target under 50 ms at 2,000 req/s or more); errors {paced.Errors}; /health/live the same way: p99 {pacedBare.Latency(0.99):0.0} ms");

            var faults = new FaultPlan(restartPostgres);
            var fault = await BookingRound.RunAsync(http, cluster, seed, seed.FaultOffers, seed.Diners, TimeSpan.FromSeconds(90), faults);
            var check = await FaultCheck.RunAsync(connection, fault, seed.FaultOffers);
            var outside = fault.Errors.Count(e => !faults.Covers(e));
            Console.WriteLine();
            Console.WriteLine("fault round (64 clients booking once a second each; API 1 killed with SIGKILL and restarted, then PostgreSQL restarted)");
            Console.WriteLine($"  API 1 killed at {faults.KilledAt:0.0} s, answering again at {faults.ApiBackAt:0.0} s; PostgreSQL restarted at {faults.PostgresAt:0.0} s, answering again at {faults.PostgresBackAt:0.0} s");
            Console.WriteLine($"  confirmed {fault.Confirmed:N0} bookings in {fault.Elapsed.TotalSeconds:0.0} s ({fault.Confirmed / fault.Elapsed.TotalSeconds:N0}/s); client errors (5xx or connection): {fault.Errors.Count:N0}, of which outside the outage windows: {outside} (must be 0)");
            if (outside > 0)
            {
                Console.WriteLine($"  errors outside the windows at: {string.Join(", ", fault.Errors.Where(e => !faults.Covers(e)).Order().Take(12).Select(e => e.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))} s");
            }

            Console.WriteLine($"  errors by kind: {string.Join(", ", fault.ErrorKinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))}");
            Console.WriteLine($"  confirmed bookings lost: {check.Lost} (must be 0); duplicated: {check.Duplicated} (must be 0); oversold offers: {check.Oversold} (must be 0); "
                + $"stored but never confirmed to a client: {check.Unacknowledged}");

            var drained = await NotificationsDrainedAsync(connection, TimeSpan.FromSeconds(quick ? 90 : 180));
            Console.WriteLine();
            Console.WriteLine($"notifications due by now: {drained.Sent:N0} sent, {drained.Waiting} still waiting, {drained.Failed} failed (all must go out)");

            var ok = raceOversold == 0 && outside == 0 && check.Lost == 0 && check.Duplicated == 0 && check.Oversold == 0 && drained.Waiting == 0 && drained.Failed == 0;
            Console.WriteLine(ok ? "result: every check passed" : $"result: A CHECK FAILED (the processes' logs are in {Cluster.Logs})");
            return ok ? 0 : 1;
        }
        finally
        {
            await cluster.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    /// <summary>Offers with more live bookings than portions, or a portion count below zero.</summary>
    private static async Task<long> OversoldAsync(string connection, IReadOnlyList<Guid> offers) =>
        await ScalarAsync(connection, """
            SELECT count(*) FROM "Offers" o
            WHERE o."Id" = ANY(@ids) AND (o."PortionsLeft" < 0
               OR (SELECT count(*) FROM "Bookings" b WHERE b."OfferId" = o."Id" AND b."Status" <> 'Cancelled') > o."Portions"
               OR (SELECT count(*) FROM "Bookings" b WHERE b."OfferId" = o."Id" AND b."Status" <> 'Cancelled') <> o."Portions" - o."PortionsLeft")
            """, new NpgsqlParameter("ids", offers.ToArray()));

    /// <summary>Waits until every due message has gone and the service's processes are quiet; returns how long the quiet took.</summary>
    private static async Task<TimeSpan> SettleAsync(Cluster cluster, string connection)
    {
        await NotificationsDrainedAsync(connection, TimeSpan.FromSeconds(60));
        return await cluster.QuietAsync(TimeSpan.FromSeconds(90));
    }

    private static async Task<(long Sent, long Waiting, long Failed)> NotificationsDrainedAsync(string connection, TimeSpan limit)
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

    internal static async Task<long> ScalarAsync(string connection, string sql, params NpgsqlParameter[] parameters)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.AddRange(parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The service's own processes, started from the Release build with the environment a deployment would give them.</summary>
    private sealed class Cluster(string connection) : IAsyncDisposable
    {
        private static readonly string Root = FindRoot();
        private readonly Process?[] _apis = new Process?[2];
        private readonly List<Process> _workers = [];
        private readonly string _outbox = Path.Combine(Path.GetTempPath(), $"brokering-load-{Guid.NewGuid():N}");

        public string[] Apis { get; } = ["http://127.0.0.1:5181", "http://127.0.0.1:5182"];

        public string ConnectionString => connection;

        /// <summary>Where every process's log is written, kept after the run.</summary>
        public static string Logs { get; } = Path.Combine(Path.GetTempPath(), $"brokering-load-logs-{DateTime.UtcNow:yyyyMMdd-HHmmss}");

        public Task MigrateAsync() => RunToEndAsync(Api, ["migrate"], Environment());

        public async Task StartAsync()
        {
            for (var i = 0; i < 2; i++)
            {
                StartApi(i);
                var worker = Start(Worker, [], Environment(($"Brokering__Notifications__File__Folder", Path.Combine(_outbox, $"worker-{i + 1}"))));
                _workers.Add(worker);
            }

            await Task.WhenAll(Apis.Select(WaitReadyAsync));
        }

        public void KillApi(int index) => _apis[index]?.Kill();

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
            ["workers"] = [.. _workers.Where(p => !p.HasExited).Select(p => p.Id)],
        };

        /// <summary>Each API process hosts a silo; on one machine each needs a silo port of its own, and all advertise loopback.</summary>
        public void StartApi(int index) => _apis[index] = Start(Api, [], Environment(
            ("ASPNETCORE_URLS", Apis[index]), ("Brokering__Worker__InProcess", "false"),
            ("Brokering__Orleans__SiloPort", (11191 + index).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Brokering__Orleans__AdvertisedAddress", "127.0.0.1")));

        public static async Task WaitReadyAsync(string api)
        {
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            for (var i = 0; i < 600; i++)
            {
                try
                {
                    if ((await probe.GetAsync($"{api}/health/ready")).IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"{api} never became ready");
        }

        /// <summary>Where <c>bench/load</c> published the service, as its container images do; else the Release build.</summary>
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
                ["ConnectionStrings__Postgres"] = connection,
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
            foreach (var process in _apis.OfType<Process>().Concat(_workers))
            {
                try
                {
                    if (!process.HasExited)
                    {
                        process.Kill(entireProcessTree: true);
                        await process.WaitForExitAsync();
                    }
                }
                catch (InvalidOperationException)
                {
                }
            }

            Array.Clear(_apis);
            _workers.Clear();
        }
    }

    /// <summary>The people and offers the rounds use, made through the API as a council would make them.</summary>
    private sealed record Seed(
        string Token, IReadOnlyList<Guid> RaceOffers, IReadOnlyList<Guid> FaultOffers, IReadOnlyList<Guid> Diners, int ReadPoints, TimeSpan Elapsed,
        IReadOnlyList<Guid> WarmOffers, IReadOnlyList<Guid> WarmDiners)
    {
        /// <summary>Where the booking rounds happen; the read offers are spread 50 km away, over a 30 km square.</summary>
        public static (double Latitude, double Longitude) RaceCentre => (52.20, -1.50);

        public static (double Latitude, double Longitude) ReadCorner => (52.60, -1.50);

        public static async Task<Seed> CreateAsync(HttpClient http, string[] apis, bool quick)
        {
            var clock = Stopwatch.StartNew();
            var admin = await LoginAsync(http, apis[0], AdminEmail);
            var random = new Random(8);
            var raceCooks = quick ? 20 : 40;
            var readCooks = quick ? 60 : 150;
            var cooks = await Parallel(raceCooks + readCooks, 16, async i =>
            {
                var (lat, lon) = i < raceCooks ? Near(RaceCentre, 0.01, random) : Spread(ReadCorner, random);
                return (Index: i, Token: await CookAsync(http, apis[i % 2], admin, i, lat, lon));
            });
            var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);
            // The race must last long enough to measure a sustained rate: 2,000 offers (6,000 portions) in a full run.
            var race = await Parallel(raceCooks * (quick ? 10 : 50), 16, i => OfferAsync(http, apis[i % 2], cooks[i % raceCooks].Token, 3, day));
            // The fault round must outlast its faults, so its offers hold the most portions a cook may offer.
            var fault = await Parallel(raceCooks * 10, 16, i => OfferAsync(http, apis[i % 2], cooks[i % raceCooks].Token, FaultPortions, day.AddDays(1)));
            await Parallel(readCooks * 2, 16, i => OfferAsync(http, apis[i % 2], cooks[raceCooks + (i % readCooks)].Token, 10, day));
            // The warm-up books offers and diners of its own, so the race starts from the same first meals and pairings as without it.
            var warm = await Parallel(raceCooks * 10, 16, i => OfferAsync(http, apis[i % 2], cooks[i % raceCooks].Token, 3, day.AddDays(2)));
            var dinerCount = quick ? 150 : 400;
            var people = await Parallel(dinerCount + (quick ? 40 : 100), 16, i =>
            {
                var (lat, lon) = Near(RaceCentre, 0.01, random);
                return DinerAsync(http, apis[i % 2], admin, i, lat, lon);
            });
            return new Seed(admin, race, fault, people[..dinerCount], readCooks * 2, clock.Elapsed, warm, people[dinerCount..]);
        }

        private static (double, double) Near((double Latitude, double Longitude) centre, double spread, Random random)
        {
            lock (random)
            {
                return (centre.Latitude + ((random.NextDouble() * 2) - 1) * spread, centre.Longitude + ((random.NextDouble() * 2) - 1) * spread * 1.6);
            }
        }

        /// <summary>About 30 km by 30 km from the corner.</summary>
        public static (double, double) Spread((double Latitude, double Longitude) corner, Random random)
        {
            lock (random)
            {
                return (corner.Latitude + random.NextDouble() * 0.27, corner.Longitude + random.NextDouble() * 0.44);
            }
        }

        private static async Task<string> CookAsync(HttpClient http, string api, string admin, int i, double lat, double lon)
        {
            var email = $"cook{i}-{Guid.NewGuid():N}@load.test";
            await SendAsync(http, HttpMethod.Post, $"{api}/api/v1/accounts/register", null, new { email, password = Password, displayName = $"Cook {i}" });
            var token = await LoginAsync(http, api, email);
            var cook = await SendAsync(http, HttpMethod.Post, $"{api}/api/v1/cooks", token, new { displayName = $"Cook {i}", latitude = lat, longitude = lon, travelRadiusKm = 5 });
            var id = cook!["id"]!.GetValue<Guid>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            foreach (var kind in Checks)
            {
                await SendAsync(http, HttpMethod.Post, $"{api}/api/v1/cooks/{id}/checks", admin,
                    new { kind, reference = "LOAD", issuedOn = today.AddMonths(-1), expiresOn = today.AddYears(1) });
            }

            await SendAsync(http, HttpMethod.Post, $"{api}/api/v1/cooks/{id}/approve", admin, null);
            return token;
        }

        private static async Task<Guid> OfferAsync(HttpClient http, string api, string cook, int portions, DateOnly day) =>
            (await SendAsync(http, HttpMethod.Post, $"{api}/api/v1/offers", cook, new
            {
                dish = "Shepherd's pie", ingredients = "Lamb, potato, carrot, onion", allergens = Array.Empty<string>(), diets = Array.Empty<string>(),
                portions, deliveryDate = day, windowStart = "12:00", windowEnd = "13:00",
            }))!["id"]!.GetValue<Guid>();

        private static async Task<Guid> DinerAsync(HttpClient http, string api, string admin, int i, double lat, double lon)
        {
            var diner = await SendAsync(http, HttpMethod.Post, $"{api}/api/v1/diners", admin, new
            {
                firstName = "Diner", lastName = $"Number {i}", latitude = lat, longitude = lon, allergens = Array.Empty<string>(), diets = Array.Empty<string>(),
                contactChannel = "sms", phone = $"07700 9{i % 100000:00000}", consent = new { given = true },
            });
            var id = diner!["id"]!.GetValue<Guid>();
            await SendAsync(http, HttpMethod.Post, $"{api}/api/v1/diners/{id}/approve", admin, null);
            return id;
        }

        private static async Task<string> LoginAsync(HttpClient http, string api, string email) =>
            (await SendAsync(http, HttpMethod.Post, $"{api}/api/v1/accounts/login", null, new { email, password = Password }))!["accessToken"]!.GetValue<string>();

        private static async Task<JsonObject?> SendAsync(HttpClient http, HttpMethod method, string url, string? token, object? body)
        {
            using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            return response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0
                ? null
                : await response.Content.ReadFromJsonAsync<JsonObject>();
        }

        private static async Task<List<T>> Parallel<T>(int count, int width, Func<int, Task<T>> make)
        {
            var results = new T[count];
            await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = width },
                async (i, _) => results[i] = await make(i));
            return [.. results];
        }
    }

    /// <summary>When the fault round kills and restarts things, in seconds from the round's start.</summary>
    private sealed class FaultPlan(string restartPostgres)
    {
        /// <summary>Errors this soon after a component answers again still belong to its outage (connections being re-established).</summary>
        private const double Grace = 2.0;

        public double KilledAt { get; set; } = double.NaN;
        public double ApiBackAt { get; set; } = double.NaN;
        public double PostgresAt { get; set; } = double.NaN;
        public double PostgresBackAt { get; set; } = double.NaN;

        public bool Covers(double at) =>
            (at >= KilledAt && at <= ApiBackAt + Grace) || (at >= PostgresAt && at <= PostgresBackAt + Grace);

        public async Task RunAsync(Cluster cluster, string connection, Stopwatch clock, CancellationToken stop)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), stop);
            KilledAt = clock.Elapsed.TotalSeconds;
            cluster.KillApi(0);
            await Task.Delay(TimeSpan.FromSeconds(2), stop);
            cluster.StartApi(0);
            await Cluster.WaitReadyAsync(cluster.Apis[0]);
            ApiBackAt = clock.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(2), stop);
            PostgresAt = clock.Elapsed.TotalSeconds;
            using (var restart = Process.Start(new ProcessStartInfo("sh", ["-c", restartPostgres]) { RedirectStandardOutput = true })!)
            {
                await restart.WaitForExitAsync(stop);
            }

            while (true)
            {
                try
                {
                    await ScalarAsync(connection, "SELECT 1");
                    await Task.WhenAll(cluster.Apis.Select(Cluster.WaitReadyAsync));
                    break;
                }
                catch (NpgsqlException)
                {
                    await Task.Delay(100, stop);
                }
            }

            PostgresBackAt = clock.Elapsed.TotalSeconds;
        }
    }

    /// <summary>What one booking round saw from the clients' side.</summary>
    private sealed class BookingRound
    {
        public int Confirmed;
        public int Refused;
        public int Requests;
        public TimeSpan Elapsed;
        public ConcurrentBag<double> Latencies { get; } = [];
        public ConcurrentBag<double> Errors { get; } = [];
        public ConcurrentDictionary<string, int> ErrorKinds { get; } = new();

        /// <summary>Idempotency key → the booking ids the service confirmed for it (more than one would be a duplicate).</summary>
        public ConcurrentDictionary<string, ConcurrentBag<Guid>> ConfirmedByKey { get; } = new();

        public double Latency(double quantile) => Quantile(Latencies, quantile);

        /// <summary>
        /// Clients book random diners onto random offers that still have portions, until every offer
        /// is full or time runs out. Each booking attempt carries an Idempotency-Key; after a 5xx or a
        /// connection error the client sends the same request again, to the other API process.
        /// </summary>
        public static async Task<BookingRound> RunAsync(
            HttpClient http, Cluster cluster, Seed seed, IReadOnlyList<Guid> offers, IReadOnlyList<Guid> diners, TimeSpan limit, FaultPlan? faults)
        {
            var round = new BookingRound();
            var open = new ConcurrentDictionary<Guid, bool>(offers.Select(o => KeyValuePair.Create(o, true)));
            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource(limit);
            var chaos = faults?.RunAsync(cluster, cluster.ConnectionString, clock, stop.Token) ?? Task.CompletedTask;
            // A fault round keeps its load on until a few seconds after the last fault has healed.
            _ = faults is null ? Task.CompletedTask : chaos.ContinueWith(_ => stop.CancelAfter(TimeSpan.FromSeconds(3)), TaskScheduler.Default);
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
            {
                var random = new Random(client);
                while (!stop.IsCancellationRequested && !open.IsEmpty)
                {
                    var choices = open.Keys.ToArray();
                    if (choices.Length == 0)
                    {
                        break;
                    }

                    if (faults is not null && round.Requests > 0)
                    {
                        // The fault round offers a steady 64 bookings a second, below what the machine can take, so a restart
                        // is measured as a restart and not as a start on a saturated machine.
                        await Task.Delay(TimeSpan.FromSeconds(1));
                    }

                    var offer = choices[random.Next(choices.Length)];
                    var diner = diners[random.Next(diners.Count)];
                    var key = Guid.NewGuid().ToString("N");
                    // A booking once begun is seen through to an answer, even after the round's time is up.
                    for (var attempt = 0; attempt < 300; attempt++)
                    {
                        var api = cluster.Apis[(client + attempt) % 2];
                        var started = clock.Elapsed.TotalMilliseconds;
                        int status;
                        string body;
                        try
                        {
                            using var request = new HttpRequestMessage(HttpMethod.Post, $"{api}/api/v1/offers/{offer}/bookings") { Content = JsonContent.Create(new { dinerId = diner }) };
                            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", seed.Token);
                            request.Headers.Add("Idempotency-Key", key);
                            using var response = await http.SendAsync(request);
                            status = (int)response.StatusCode;
                            body = await response.Content.ReadAsStringAsync();
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                        {
                            status = 0;
                            body = "";
                        }

                        Interlocked.Increment(ref round.Requests);
                        round.Latencies.Add(clock.Elapsed.TotalMilliseconds - started);
                        if (status == 201)
                        {
                            Interlocked.Increment(ref round.Confirmed);
                            var id = JsonNode.Parse(body)!["id"]!.GetValue<Guid>();
                            round.ConfirmedByKey.GetOrAdd(key, _ => []).Add(id);
                            break;
                        }

                        if (status is 0 or >= 500)
                        {
                            round.Errors.Add(clock.Elapsed.TotalSeconds);
                            round.ErrorKinds.AddOrUpdate(status == 0 ? "connection" : status.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                            await Task.Delay(100);
                            continue;
                        }

                        Interlocked.Increment(ref round.Refused);
                        if (status == 409 && body.Contains("No portions left", StringComparison.Ordinal))
                        {
                            open.TryRemove(offer, out _);
                        }

                        break;
                    }
                }
            })));
            stop.Cancel();
            try
            {
                await chaos;
            }
            catch (OperationCanceledException)
            {
            }

            round.Elapsed = clock.Elapsed;
            return round;
        }
    }

    /// <summary>What the database holds after the fault round, against what clients were told.</summary>
    private static class FaultCheck
    {
        /// <returns>
        /// Lost: confirmed to a client but not stored. Duplicated: one request confirmed twice, or a
        /// diner twice on one offer. Unacknowledged: stored, but no client was ever told (a client
        /// gave up); it is reported, not a failure, because a repeat of the request would find it.
        /// </returns>
        public static async Task<(long Lost, long Duplicated, long Oversold, long Unacknowledged)> RunAsync(string connection, BookingRound round, IReadOnlyList<Guid> offers)
        {
            var told = round.ConfirmedByKey.Values.SelectMany(ids => ids).Distinct().ToArray();
            var stored = await ScalarAsync(connection, """SELECT count(*) FROM "Bookings" WHERE "Id" = ANY(@ids) AND "Status" = 'Confirmed'""",
                new NpgsqlParameter("ids", told));
            var sameKeyTwice = round.ConfirmedByKey.Values.Count(ids => ids.Distinct().Count() > 1);
            var doubleBooked = await ScalarAsync(connection, """
                SELECT count(*) FROM (SELECT "OfferId", "DinerId" FROM "Bookings" WHERE "OfferId" = ANY(@offers) AND "Status" <> 'Cancelled'
                                      GROUP BY "OfferId", "DinerId" HAVING count(*) > 1) pairs
                """, new NpgsqlParameter("offers", offers.ToArray()));
            var extra = await ScalarAsync(connection, """SELECT count(*) FROM "Bookings" WHERE "OfferId" = ANY(@offers) AND "Status" <> 'Cancelled'""",
                new NpgsqlParameter("offers", offers.ToArray())) - told.Length;
            return (told.Length - stored, sameKeyTwice + doubleBooked, await OversoldAsync(connection, offers), Math.Max(0, extra));
        }
    }

    /// <summary>"Offers near me" from random points over the read area.</summary>
    /// <summary>The rate the paced reads are asked at: above the 2,000 req/s the target names.</summary>
    private const double PacedReads = 2_500;

    private sealed class ReadRound
    {
        public int Requests;
        public int Errors;
        public long Found;
        public TimeSpan Elapsed;
        public ConcurrentBag<double> Latencies { get; } = [];

        public double AverageFound => Requests == 0 ? 0 : (double)Found / Requests;

        public double Latency(double quantile) => Quantile(Latencies, quantile);

        /// <summary>
        /// 64 clients asking for offers near random points, or (<paramref name="trivial"/>) for
        /// <c>/health/live</c>, the bare server's answer, as the same run's baseline. Each client
        /// asks again as soon as it has an answer, which finds the most the service can answer;
        /// or, given <paramref name="offered"/>, the clients together ask that many times a second
        /// on a schedule, and each latency counts from when its request was due, so a slow answer
        /// that delays the next request is not hidden.
        /// </summary>
        public static async Task<ReadRound> RunAsync(HttpClient http, string[] apis, Seed seed, TimeSpan duration, bool trivial = false, double? offered = null)
        {
            var round = new ReadRound();
            var clock = Stopwatch.StartNew();
            var interval = offered is { } rate ? TimeSpan.FromSeconds(Clients / rate) : TimeSpan.Zero;
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
            {
                var random = new Random(1000 + client);
                var due = interval * random.NextDouble();
                while (clock.Elapsed < duration)
                {
                    if (offered is not null && due > clock.Elapsed)
                    {
                        await Task.Delay(due - clock.Elapsed);
                    }

                    var (lat, lon) = Seed.Spread(Seed.ReadCorner, random);
                    var started = offered is null ? clock.Elapsed.TotalMilliseconds : due.TotalMilliseconds;
                    due += interval;
                    using var request = new HttpRequestMessage(HttpMethod.Get, trivial
                        ? $"{apis[client % 2]}/health/live"
                        : FormattableString.Invariant($"{apis[client % 2]}/api/v1/offers?latitude={lat:0.00000}&longitude={lon:0.00000}&radiusKm=3"));
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", seed.Token);
                    try
                    {
                        using var response = await http.SendAsync(request);
                        var found = trivial ? [] : await response.Content.ReadFromJsonAsync<JsonArray>();
                        round.Latencies.Add(clock.Elapsed.TotalMilliseconds - started);
                        Interlocked.Increment(ref round.Requests);
                        Interlocked.Add(ref round.Found, found?.Count ?? 0);
                    }
                    catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException)
                    {
                        Interlocked.Increment(ref round.Errors);
                    }
                }
            })));
            round.Elapsed = clock.Elapsed;
            return round;
        }
    }

    internal static double Quantile(IEnumerable<double> values, double quantile)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
    }
}
