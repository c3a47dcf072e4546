using System.Collections.Concurrent;
using System.Diagnostics;
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
    private const int FaultPortions = 12;

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var server = BenchDatabase.Server;
        var (database, connection) = await BenchDatabase.CreateAsync("brokering_load");
        Console.WriteLine($"load benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {Clients} clients, 2 API + 2 worker processes, PostgreSQL on the same machine{(quick ? " (quick)" : "")}");

        await using var cluster = new ServiceCluster(connection);
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

            var faults = new FaultPlan();
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

            var drained = await BenchDatabase.NotificationsDrainedAsync(connection, TimeSpan.FromSeconds(quick ? 90 : 180));
            Console.WriteLine();
            Console.WriteLine($"notifications due by now: {drained.Sent:N0} sent, {drained.Waiting} still waiting, {drained.Failed} failed (all must go out)");

            var ok = raceOversold == 0 && outside == 0 && check.Lost == 0 && check.Duplicated == 0 && check.Oversold == 0 && drained.Waiting == 0 && drained.Failed == 0;
            Console.WriteLine(ok ? "result: every check passed" : $"result: A CHECK FAILED (the processes' logs are in {ServiceCluster.Logs})");
            return ok ? 0 : 1;
        }
        finally
        {
            await cluster.DisposeAsync();
            await BenchDatabase.DropAsync(database);
        }
    }

    /// <summary>Offers with more live bookings than portions, or a portion count below zero.</summary>
    private static async Task<long> OversoldAsync(string connection, IReadOnlyList<Guid> offers) =>
        await BenchDatabase.ScalarAsync(connection, """
            SELECT count(*) FROM "Offers" o
            WHERE o."Id" = ANY(@ids) AND (o."PortionsLeft" < 0
               OR (SELECT count(*) FROM "Bookings" b WHERE b."OfferId" = o."Id" AND b."Status" <> 'Cancelled') > o."Portions"
               OR (SELECT count(*) FROM "Bookings" b WHERE b."OfferId" = o."Id" AND b."Status" <> 'Cancelled') <> o."Portions" - o."PortionsLeft")
            """, new NpgsqlParameter("ids", offers.ToArray()));

    /// <summary>Waits until every due message has gone and the service's processes are quiet; returns how long the quiet took.</summary>
    private static async Task<TimeSpan> SettleAsync(ServiceCluster cluster, string connection)
    {
        await BenchDatabase.NotificationsDrainedAsync(connection, TimeSpan.FromSeconds(60));
        return await cluster.QuietAsync(TimeSpan.FromSeconds(90));
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
            var admin = await ServiceApi.LoginAsync(http, apis[0], ServiceCluster.AdminEmail);
            var random = new Random(8);
            var raceCooks = quick ? 20 : 40;
            var readCooks = quick ? 60 : 150;
            var cooks = await ServiceApi.Parallel(raceCooks + readCooks, 16, async i =>
            {
                var (lat, lon) = i < raceCooks ? ServiceApi.Near(RaceCentre, 0.01, random) : Spread(ReadCorner, random);
                return (Index: i, Token: await ServiceApi.ApprovedCookAsync(http, apis[i % 2], admin, i, lat, lon));
            });
            var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);
            // The race must last long enough to measure a sustained rate: 2,000 offers (6,000 portions) in a full run.
            var race = await ServiceApi.Parallel(raceCooks * (quick ? 10 : 50), 16, i => ServiceApi.OfferAsync(http, apis[i % 2], cooks[i % raceCooks].Token, 3, day));
            // The fault round must outlast its faults, so its offers hold the most portions a cook may offer.
            var fault = await ServiceApi.Parallel(raceCooks * 10, 16, i => ServiceApi.OfferAsync(http, apis[i % 2], cooks[i % raceCooks].Token, FaultPortions, day.AddDays(1)));
            await ServiceApi.Parallel(readCooks * 2, 16, i => ServiceApi.OfferAsync(http, apis[i % 2], cooks[raceCooks + (i % readCooks)].Token, 10, day));
            // The warm-up books offers and diners of its own, so the race starts from the same first meals and pairings as without it.
            var warm = await ServiceApi.Parallel(raceCooks * 10, 16, i => ServiceApi.OfferAsync(http, apis[i % 2], cooks[i % raceCooks].Token, 3, day.AddDays(2)));
            var dinerCount = quick ? 150 : 400;
            var people = await ServiceApi.Parallel(dinerCount + (quick ? 40 : 100), 16, i =>
            {
                var (lat, lon) = ServiceApi.Near(RaceCentre, 0.01, random);
                return ServiceApi.ApprovedDinerAsync(http, apis[i % 2], admin, i, lat, lon);
            });
            return new Seed(admin, race, fault, people[..dinerCount], readCooks * 2, clock.Elapsed, warm, people[dinerCount..]);
        }

        /// <summary>About 30 km by 30 km from the corner.</summary>
        public static (double, double) Spread((double Latitude, double Longitude) corner, Random random)
        {
            lock (random)
            {
                return (corner.Latitude + random.NextDouble() * 0.27, corner.Longitude + random.NextDouble() * 0.44);
            }
        }
    }

    /// <summary>When the fault round kills and restarts things, in seconds from the round's start.</summary>
    private sealed class FaultPlan
    {
        /// <summary>Errors this soon after a component answers again still belong to its outage (connections being re-established).</summary>
        private const double Grace = 2.0;

        public double KilledAt { get; set; } = double.NaN;
        public double ApiBackAt { get; set; } = double.NaN;
        public double PostgresAt { get; set; } = double.NaN;
        public double PostgresBackAt { get; set; } = double.NaN;

        public bool Covers(double at) =>
            (at >= KilledAt && at <= ApiBackAt + Grace) || (at >= PostgresAt && at <= PostgresBackAt + Grace);

        public async Task RunAsync(ServiceCluster cluster, Stopwatch clock, CancellationToken stop)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), stop);
            KilledAt = clock.Elapsed.TotalSeconds;
            cluster.KillApi(0);
            await Task.Delay(TimeSpan.FromSeconds(2), stop);
            cluster.StartApi(0);
            await ServiceCluster.WaitReadyAsync(cluster.Apis[0]);
            ApiBackAt = clock.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(2), stop);
            PostgresAt = clock.Elapsed.TotalSeconds;
            await cluster.RestartPostgresAsync(stop);
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
            HttpClient http, ServiceCluster cluster, Seed seed, IReadOnlyList<Guid> offers, IReadOnlyList<Guid> diners, TimeSpan limit, FaultPlan? faults)
        {
            var round = new BookingRound();
            var open = new ConcurrentDictionary<Guid, bool>(offers.Select(o => KeyValuePair.Create(o, true)));
            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource(limit);
            var chaos = faults?.RunAsync(cluster, clock, stop.Token) ?? Task.CompletedTask;
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
            var stored = await BenchDatabase.ScalarAsync(connection, """SELECT count(*) FROM "Bookings" WHERE "Id" = ANY(@ids) AND "Status" = 'Confirmed'""",
                new NpgsqlParameter("ids", told));
            var sameKeyTwice = round.ConfirmedByKey.Values.Count(ids => ids.Distinct().Count() > 1);
            var doubleBooked = await BenchDatabase.ScalarAsync(connection, """
                SELECT count(*) FROM (SELECT "OfferId", "DinerId" FROM "Bookings" WHERE "OfferId" = ANY(@offers) AND "Status" <> 'Cancelled'
                                      GROUP BY "OfferId", "DinerId" HAVING count(*) > 1) pairs
                """, new NpgsqlParameter("offers", offers.ToArray()));
            var extra = await BenchDatabase.ScalarAsync(connection, """SELECT count(*) FROM "Bookings" WHERE "OfferId" = ANY(@offers) AND "Status" <> 'Cancelled'""",
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
