using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Brokering.Benchmarks;

/// <summary>
/// Issue #40: two API processes and two worker processes on one PostgreSQL, 32 clients booking,
/// cancelling, marking meals delivered and reading for a bounded time, while API processes are
/// killed (and one paused past its silo's death), workers are killed and PostgreSQL restarts. Every
/// request and answer is recorded; afterwards <see cref="ChaosCheck"/> reads that history beside the
/// database and lists every promise broken. Run by <c>bench/chaos</c>.
/// </summary>
public static class ChaosBenchmark
{
    private const int Clients = 32;
    private const int OfferPortions = 12;

    /// <summary>How long a client keeps asking again after 5xx answers or none, before it gives up on an operation.</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90);

    /// <summary>A client's pause between operations: 32 clients then ask about 150 times a second.</summary>
    private static readonly TimeSpan Think = TimeSpan.FromMilliseconds(200);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds") ?? (Option(args, "--minutes") ?? 5) * 60;
        var seed = Option(args, "--seed") ?? Environment.TickCount & 0xFFFF;
        var pause = !args.Contains("--no-pause");
        var duration = TimeSpan.FromSeconds(seconds);
        Console.WriteLine($"chaos: {Environment.ProcessorCount} cores, {Clients} clients for {duration.TotalSeconds:0} s, 2 API + 2 worker processes on one PostgreSQL, seed {seed}");

        var (database, connection) = await BenchDatabase.CreateAsync("brokering_chaos");
        // Each process's pool is capped, as deploy/README.md advises, so four processes stay within PostgreSQL's default 100 connections.
        await using var cluster = new ServiceCluster(connection) { PoolSize = 20 };
        try
        {
            await cluster.MigrateAsync();
            await cluster.StartAsync();
            using var http = new HttpClient(new LostAnswers(seed) { InnerHandler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, ConnectTimeout = TimeSpan.FromSeconds(2) } })
            { Timeout = TimeSpan.FromSeconds(8) };
            using var setup = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var council = await Council.CreateAsync(setup, cluster.Apis, seconds);
            Console.WriteLine($"seeded: {council.Offers.Count} offers of {OfferPortions} portions, {council.Diners.Count} diners");

            var history = new ChaosHistory();
            var clock = Stopwatch.StartNew();
            var plan = new FaultPlan(cluster, history, clock, new Random(seed), duration, pause);
            var faults = plan.RunAsync();
            var pool = new OfferPool(council.Offers);
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => new Client(i, http, cluster.Apis, council, pool, history, clock, new Random(seed * 100 + i)).RunAsync(duration)));
            await faults;
            var ran = clock.Elapsed;

            // Everything up again, every message due by now sent, before the database is read.
            await plan.HealAsync();
            var drained = await BenchDatabase.NotificationsDrainedAsync(connection, TimeSpan.FromSeconds(180));
            var state = await StoredState.ReadAsync(connection, council.Offers, cluster.Outbox);
            var violations = ChaosCheck.Run(history, state);
            if (drained.Waiting > 0 || drained.Failed > 0)
            {
                violations.Add(new("messages go out once", $"{drained.Waiting} messages due by now still waiting and {drained.Failed} failed, 180 s after the run"));
            }

            var kept = Path.Combine(ServiceCluster.Logs, "history.jsonl");
            await File.WriteAllLinesAsync(kept, history.Operations.Select(o => JsonSerializer.Serialize(o)));
            Summary.Print(history, state, violations, ran, kept);
            return violations.Count == 0 ? 0 : 1;
        }
        finally
        {
            await cluster.DisposeAsync();
            await BenchDatabase.DropAsync(database);
        }
    }

    private static int? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The council the clients work in: a coordinator's token, approved cooks' offers and approved diners.</summary>
    private sealed record Council(string Token, IReadOnlyList<Guid> Offers, IReadOnlyList<Guid> Diners)
    {
        public static async Task<Council> CreateAsync(HttpClient http, string[] apis, int seconds)
        {
            var admin = await ServiceApi.LoginAsync(http, apis[0], ServiceCluster.AdminEmail);
            var random = new Random(40);
            var cooks = await ServiceApi.Parallel(20, 8, i =>
            {
                var (lat, lon) = Near(random);
                return ServiceApi.ApprovedCookAsync(http, apis[i % 2], admin, i, lat, lon);
            });
            // Enough portions for the whole run at the clients' pace, with room to spare.
            var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);
            var offers = await ServiceApi.Parallel(Math.Max(40, seconds * 2), 16, i => ServiceApi.OfferAsync(http, apis[i % 2], cooks[i % cooks.Count], OfferPortions, day));
            var diners = await ServiceApi.Parallel(200, 16, i =>
            {
                var (lat, lon) = Near(random);
                return ServiceApi.ApprovedDinerAsync(http, apis[i % 2], admin, i, lat, lon);
            });
            return new Council(admin, offers, diners);
        }

        private static (double Latitude, double Longitude) Near(Random random) => ServiceApi.Near((52.20, -1.50), 0.01, random);
    }

    /// <summary>
    /// The offers clients book: always among the first few still open, so clients race for the same
    /// portions; an offer leaves when a client is told it is full and comes back when a portion is given back.
    /// </summary>
    private sealed class OfferPool(IReadOnlyList<Guid> offers)
    {
        private const int Window = 16;
        private readonly SortedSet<int> _open = [.. Enumerable.Range(0, offers.Count)];
        private readonly Dictionary<Guid, int> _index = offers.Select((offer, i) => (offer, i)).ToDictionary(x => x.offer, x => x.i);

        public Guid? Pick(Random random)
        {
            lock (_open)
            {
                var first = _open.Take(Window).ToList();
                return first.Count == 0 ? null : offers[first[random.Next(first.Count)]];
            }
        }

        public void Full(Guid offer) => Set(offer, open: false);

        public void Reopened(Guid offer) => Set(offer, open: true);

        private void Set(Guid offer, bool open)
        {
            var index = _index[offer];
            lock (_open)
            {
                _ = open ? _open.Add(index) : _open.Remove(index);
            }
        }
    }

    /// <summary>
    /// One client: books, cancels and marks delivered its own bookings, and reads them and the offers,
    /// recording every attempt. It acts only on bookings whose state it knows; one it lost track of
    /// (it gave up asking) it leaves alone, as a person would ring the council instead.
    /// </summary>
    private sealed class Client(int id, HttpClient http, string[] apis, Council council, OfferPool pool, ChaosHistory history, Stopwatch clock, Random random)
    {
        private readonly List<(Guid Booking, Guid Offer)> _confirmed = [];

        public async Task RunAsync(TimeSpan duration)
        {
            while (clock.Elapsed < duration)
            {
                await Task.Delay(Think * (0.5 + random.NextDouble()));
                var roll = random.NextDouble();
                if (_confirmed.Count == 0 || roll < 0.45)
                {
                    await BookAsync();
                }
                else if (roll < 0.60)
                {
                    await ChangeAsync(OperationKind.Cancel);
                }
                else if (roll < 0.68)
                {
                    await ChangeAsync(OperationKind.Deliver);
                }
                else if (roll < 0.84)
                {
                    var (booking, offer) = _confirmed[random.Next(_confirmed.Count)];
                    await ReadBookingAsync(booking, offer);
                }
                else if (pool.Pick(random) is { } offer)
                {
                    var op = history.Begin(id, OperationKind.ReadOffer, offer);
                    await SendAsync(op, HttpMethod.Get, $"/api/v1/offers/{offer}", null);
                }
            }
        }

        private async Task BookAsync()
        {
            if (pool.Pick(random) is not { } offer)
            {
                return;
            }

            var diner = council.Diners[random.Next(council.Diners.Count)];
            var op = history.Begin(id, OperationKind.Book, offer, diner: diner, key: Guid.NewGuid().ToString("N"));
            var answer = await SendAsync(op, HttpMethod.Post, $"/api/v1/offers/{offer}/bookings", new { dinerId = diner });
            if (op.Booked is { } booking)
            {
                op.Booking = booking;
                op.AcknowledgedAt = answer!.Received;
                _confirmed.Add((booking, offer));
            }
            else if (answer is { Status: 409, Title: "No portions left." })
            {
                pool.Full(offer);
            }
        }

        private async Task ChangeAsync(OperationKind kind)
        {
            var index = random.Next(_confirmed.Count);
            var (booking, offer) = _confirmed[index];
            _confirmed.RemoveAt(index);
            var op = history.Begin(id, kind, offer, booking);
            var answer = kind == OperationKind.Cancel
                ? await SendAsync(op, HttpMethod.Post, $"/api/v1/bookings/{booking}/cancel", new { reason = "Diner is in hospital" })
                : await SendAsync(op, HttpMethod.Post, $"/api/v1/bookings/{booking}/delivered", null);
            var wanted = kind == OperationKind.Cancel ? "cancelled" : "delivered";
            if (answer is { Status: 200 } && answer.BookingStatus == wanted)
            {
                op.AcknowledgedAt = answer.Received;
            }
            else if (answer is { Status: 409 } && op.Attempts.Count > 1)
            {
                // Refused after an attempt whose answer was lost: that attempt may have made the change. Read to find out.
                var read = await ReadBookingAsync(booking, offer);
                if (read?.BookingStatus == wanted)
                {
                    op.AcknowledgedAt = read.Received;
                }
            }

            if (op.AcknowledgedAt is not null && kind == OperationKind.Cancel)
            {
                pool.Reopened(offer);
            }
        }

        private async Task<Attempt?> ReadBookingAsync(Guid booking, Guid offer)
        {
            var op = history.Begin(id, OperationKind.ReadBooking, offer, booking);
            return await SendAsync(op, HttpMethod.Get, $"/api/v1/bookings/{booking}", null);
        }

        /// <summary>Sends the request until a definitive answer or <see cref="GiveUpAfter"/>, each retry to the other API process.</summary>
        /// <returns>The definitive answer, or null if the client gave up.</returns>
        private async Task<Attempt?> SendAsync(Operation op, HttpMethod method, string path, object? body)
        {
            for (var attempt = 0; ; attempt++)
            {
                var api = (id + attempt) % 2;
                var sent = clock.Elapsed.TotalSeconds;
                Attempt result;
                try
                {
                    using var request = new HttpRequestMessage(method, apis[api] + path) { Content = body is null ? null : JsonContent.Create(body) };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", council.Token);
                    if (op.Key is { } key)
                    {
                        request.Headers.Add("Idempotency-Key", key);
                    }

                    using var response = await http.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    result = Read(api, sent, (int)response.StatusCode, text);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    result = new Attempt(api, sent, clock.Elapsed.TotalSeconds, 0, e is LostAnswers.Dropped ? e.Message : e is TaskCanceledException ? "timeout" : "connection failed")
                    { Injected = e is LostAnswers.Dropped };
                }

                lock (op)
                {
                    op.Attempts.Add(result);
                }

                if (result.Definitive)
                {
                    return result;
                }

                if (clock.Elapsed.TotalSeconds - op.Sent > GiveUpAfter.TotalSeconds)
                {
                    return null;
                }

                await Task.Delay(250);
            }
        }

        private Attempt Read(int api, double sent, int status, string text)
        {
            var received = clock.Elapsed.TotalSeconds;
            JsonNode? json = null;
            try
            {
                json = text.Length > 0 ? JsonNode.Parse(text) : null;
            }
            catch (JsonException)
            {
            }

            if (json is not JsonObject body)
            {
                return new Attempt(api, sent, received, status);
            }

            return status < 300
                ? new Attempt(api, sent, received, status,
                    BookingId: body["offerId"] is not null ? body["id"]?.GetValue<Guid>() : null,
                    BookingStatus: body["offerId"] is not null ? body["status"]?.GetValue<string>() : null,
                    Portions: body["portionsLeft"] is not null ? body["portions"]?.GetValue<int>() : null,
                    PortionsLeft: body["portionsLeft"]?.GetValue<int>())
                : new Attempt(api, sent, received, status, Title: body["title"]?.GetValue<string>());
        }
    }

    /// <summary>
    /// A network that loses answers: one change in a hundred (a POST) reaches the service and is
    /// carried out, but its answer never reaches the client, which must ask again with the same
    /// Idempotency-Key and be given what the first attempt did, not a second booking or a second
    /// cancellation. Without it, only a kill landing between a commit and its answer tests that.
    /// </summary>
    private sealed class LostAnswers(int seed) : DelegatingHandler
    {
        private const double Rate = 0.01;
        private readonly Random _random = new(seed);

        public sealed class Dropped() : HttpRequestException("answer lost on the way");

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            bool lose;
            lock (_random)
            {
                lose = request.Method == HttpMethod.Post && _random.NextDouble() < Rate;
            }

            if (!lose)
            {
                return response;
            }

            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            response.Dispose();
            throw new Dropped();
        }
    }

    /// <summary>
    /// The faults, on a schedule from the run's start: an API process SIGKILLed every 30 s (from
    /// 15 s) and started again 2-5 s later; a worker SIGKILLed every minute (from 20 s) and started
    /// again; PostgreSQL restarted once, near the middle; and, in runs of three minutes or more, an
    /// API process stopped with SIGSTOP for longer than its silo takes to be declared dead, then
    /// resumed. API faults run one after another, so one API process always serves.
    /// </summary>
    private sealed class FaultPlan(ServiceCluster cluster, ChaosHistory history, Stopwatch clock, Random random, TimeSpan duration, bool pause)
    {
        /// <summary>Longer than the silos' failure detection (2 missed probes of 2 s, plus the vote) so the stopped silo wakes up dead.</summary>
        private static readonly TimeSpan Paused = TimeSpan.FromSeconds(12);

        public async Task RunAsync() => await Task.WhenAll(ApiFaultsAsync(), WorkerFaultsAsync());

        /// <summary>Starts whatever is down and waits until both APIs answer.</summary>
        public async Task HealAsync()
        {
            for (var i = 0; i < 2; i++)
            {
                cluster.PauseApi(i, stop: false);
                if (!cluster.ApiRunning(i))
                {
                    cluster.StartApi(i);
                }

                if (!cluster.WorkerRunning(i))
                {
                    cluster.StartWorker(i);
                }
            }

            await Task.WhenAll(cluster.Apis.Select(ServiceCluster.WaitReadyAsync));
        }

        private async Task ApiFaultsAsync()
        {
            var end = duration.TotalSeconds - 10;
            var schedule = new List<(double At, string Kind)>();
            for (var at = 15.0; at < end; at += 30)
            {
                schedule.Add((at, "kill"));
            }

            // PostgreSQL between two kills near the middle; the pause between two kills near the end.
            schedule.Add((Math.Floor(duration.TotalSeconds / 60) * 30, "postgres"));
            if (pause && duration.TotalMinutes >= 3)
            {
                schedule.Add((Math.Floor(duration.TotalSeconds * 0.8 / 30) * 30, "pause"));
            }

            foreach (var (at, kind) in schedule.OrderBy(s => s.At))
            {
                await UntilAsync(at);
                var api = random.Next(2);
                switch (kind)
                {
                    case "kill":
                        await KillApiAsync(api);
                        break;
                    case "postgres":
                        await RestartPostgresAsync();
                        break;
                    default:
                        await PauseApiAsync(api);
                        break;
                }
            }
        }

        private async Task WorkerFaultsAsync()
        {
            for (var (at, worker) = (20.0, 0); at < duration.TotalSeconds - 5; at += 60, worker = 1 - worker)
            {
                await UntilAsync(at);
                var start = Now;
                cluster.KillWorker(worker);
                await Task.Delay(TimeSpan.FromSeconds(2));
                cluster.StartWorker(worker);
                history.Faults.Enqueue(new Fault($"worker {worker + 1} SIGKILLed, started again 2 s later", start, start, ClientsMayNotice: false));
            }
        }

        private async Task KillApiAsync(int api)
        {
            var start = Now;
            var down = TimeSpan.FromSeconds(2 + random.NextDouble() * 3);
            cluster.KillApi(api);
            await Task.Delay(down);
            cluster.StartApi(api);
            await ServiceCluster.WaitReadyAsync(cluster.Apis[api]);
            history.Faults.Enqueue(new Fault($"API {api + 1} SIGKILLed, started again {down.TotalSeconds:0.0} s later", start, Now, ClientsMayNotice: true));
        }

        private async Task RestartPostgresAsync()
        {
            var start = Now;
            await cluster.RestartPostgresAsync(CancellationToken.None);
            history.Faults.Enqueue(new Fault("PostgreSQL restarted", start, Now, ClientsMayNotice: true));
        }

        /// <summary>
        /// A silo that sleeps through its own death: the cluster may declare it dead meanwhile. Woken,
        /// it either learns so and stops, and is started again, or carries on; either way it must
        /// answer again, and its stale activations must lose to the database's version checks.
        /// </summary>
        private async Task PauseApiAsync(int api)
        {
            var start = Now;
            cluster.PauseApi(api, stop: true);
            await Task.Delay(Paused);
            cluster.PauseApi(api, stop: false);
            var woke = Stopwatch.StartNew();
            double? answering = null;
            // Watched for a while after it answers, since a silo may learn of its death a moment after waking.
            while (woke.Elapsed < TimeSpan.FromSeconds(10) || answering is null)
            {
                if (!cluster.ApiRunning(api))
                {
                    cluster.StartApi(api);
                    await ServiceCluster.WaitReadyAsync(cluster.Apis[api]);
                    history.Faults.Enqueue(new Fault($"API {api + 1} paused (SIGSTOP) for {Paused.TotalSeconds:0} s, stopped itself on waking and was started again", start, Now, ClientsMayNotice: true));
                    return;
                }

                answering ??= await cluster.ReadyAsync(api) ? Now : null;
                await Task.Delay(200);
            }

            history.Faults.Enqueue(new Fault($"API {api + 1} paused (SIGSTOP) for {Paused.TotalSeconds:0} s, carried on after waking", start, answering.Value, ClientsMayNotice: true));
        }

        private double Now => clock.Elapsed.TotalSeconds;

        private async Task UntilAsync(double at)
        {
            var wait = at - Now;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait));
            }
        }
    }

    /// <summary>The one-screen summary: operations, faults and their outages, violations.</summary>
    private static class Summary
    {
        public static void Print(ChaosHistory history, StoredState state, List<Violation> violations, TimeSpan ran, string kept)
        {
            var operations = history.Operations.ToList();
            var attempts = operations.SelectMany(o => o.Attempts).ToList();
            Console.WriteLine();
            Console.WriteLine($"operations in {ran.TotalSeconds:0} s: {operations.Count:N0} ({attempts.Count:N0} requests)");
            foreach (var kind in operations.GroupBy(o => o.Kind).OrderBy(g => g.Key))
            {
                var answers = kind.GroupBy(o => o.Answer?.Status.ToString(CultureInfo.InvariantCulture) ?? "gave up").OrderBy(g => g.Key)
                    .Select(g => $"{g.Key} {g.Count():N0}");
                Console.WriteLine($"  {kind.Key,-12} {kind.Count(),7:N0}: {string.Join(", ", answers)}");
            }

            var retried = operations.Where(o => o.Attempts.Count > 1).ToList();
            var longest = retried.Count == 0 ? 0 : retried.Max(o => o.Ended - o.Sent);
            Console.WriteLine($"  asked again after a 5xx or no answer: {retried.Count:N0} operations; the longest waited {longest:0.0} s for its answer; "
                + $"answers the bench lost on purpose: {attempts.Count(a => a.Injected):N0}");
            Console.WriteLine($"  stored: {state.Bookings.Count:N0} bookings on {state.Offers.Count:N0} offers ({state.Bookings.Count(b => b.Status == "Cancelled"):N0} cancelled, "
                + $"{state.Bookings.Count(b => b.Status == "Delivered"):N0} delivered); {state.Messages.Count(m => m.Status == "Sent"):N0} of their messages sent");

            var faults = history.Faults.OrderBy(f => f.Start).ToList();
            var errors = attempts.Where(a => a.Status is 0 or >= 500 && !a.Injected).ToList();
            Console.WriteLine();
            Console.WriteLine($"faults injected: {faults.Count} (client errors are allowed from a fault until {ChaosCheck.Grace:0} s after the part answers again)");
            foreach (var f in faults)
            {
                var during = errors.Count(a => a.Sent <= f.End + ChaosCheck.Grace && a.Received >= f.Start);
                Console.WriteLine(f.ClientsMayNotice
                    ? $"  {f.Start,6:0.0} s  {f.What}; answering again at {f.End:0.0} s (outage {f.Length:0.0} s, {during:N0} client errors)"
                    : $"  {f.Start,6:0.0} s  {f.What}");
            }

            var outages = faults.Where(f => f.ClientsMayNotice).ToList();
            Console.WriteLine($"  longest outage: {(outages.Count == 0 ? 0 : outages.Max(f => f.Length)):0.0} s; client errors: {errors.Count:N0} "
                + $"({string.Join(", ", errors.GroupBy(a => a.Status == 0 ? a.Error! : a.Status.ToString(CultureInfo.InvariantCulture)).Select(g => $"{g.Key} {g.Count():N0}"))})");

            Console.WriteLine();
            Console.WriteLine($"violations: {violations.Count}");
            foreach (var check in violations.GroupBy(v => v.Check))
            {
                Console.WriteLine($"  {check.Key}: {check.Count()}");
                foreach (var v in check.Take(5))
                {
                    Console.WriteLine($"    {v.What}");
                }
            }

            Console.WriteLine($"history: {kept}; processes' logs beside it");
            Console.WriteLine(violations.Count == 0 ? "result: every promise kept" : "result: PROMISES BROKEN");
        }
    }
}
