using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Brokering.Api.Tests.Support;
using Brokering.Domain.Bookings;
using Brokering.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Xunit.Abstractions;

namespace Brokering.Api.Tests.Offers;

/// <summary>
/// Offers' grains live in two real API processes sharing one PostgreSQL. Clients race for the
/// portions across both, retrying on the other process; one process is killed mid-race and started
/// again, and a writer moves offers' versions behind the grains' backs throughout.
/// </summary>
public sealed class GrainFailoverTests(PostgresApp app, ITestOutputHelper output) : IClassFixture<PostgresApp>
{
    private const int Clients = 64;

    private sealed record Answer(double At, int Status, string Key, Guid? BookingId);

    [Fact]
    public async Task Bookings_raced_across_two_processes_while_one_is_killed_are_never_oversold_lost_or_doubled()
    {
        var s = await Scenario.StartAsync(app);
        var delivery = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        var offers = new List<Guid>();
        for (var c = 0; c < 5; c++)
        {
            var (cook, _) = await s.ApprovedCookAsync();
            for (var i = 0; i < 10; i++)
            {
                offers.Add(await s.OfferAsync(cook, portions: 5, deliveryDate: delivery));
            }
        }

        var diners = await app.WithDbAsync(db => DinerSeed.ApprovedAsync(db, s.CouncilId, 400, app.Clock.Now));
        var cluster = $"failover-{Guid.NewGuid():N}";
        await using var first = new ApiProcess(app.ConnectionString, cluster, gateway: true);
        await using var second = new ApiProcess(app.ConnectionString, cluster);
        ApiProcess[] apis = [first, second];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        await ApiProcess.StartAllAsync(http, apis);
        var token = await second.SignInAsync(http, s.CoordinatorEmail, Scenario.Password);

        var answers = new ConcurrentBag<Answer>();
        var open = new ConcurrentDictionary<Guid, bool>(offers.Select(o => KeyValuePair.Create(o, true)));
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        double killedAt = 0, answeringAgainAt = 0;
        var offerSilos = 0;
        var bypassed = 0;

        var chaos = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            offerSilos = await SilosHoldingOffersAsync(cluster);
            killedAt = clock.Elapsed.TotalSeconds;
            await first.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            first.Start();
            await first.WaitUntilAnsweringAsync(http, TimeSpan.FromSeconds(60));
            answeringAgainAt = clock.Elapsed.TotalSeconds;
        });
        var bypass = Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(app.ConnectionString);
            await connection.OpenAsync();
            var random = new Random(7);
            while (!stop.IsCancellationRequested && !open.IsEmpty)
            {
                await using var bump = new NpgsqlCommand("""UPDATE "Offers" SET "Version" = "Version" + 1 WHERE "Id" = @id""", connection);
                bump.Parameters.AddWithValue("id", offers[random.Next(offers.Count)]);
                await bump.ExecuteNonQueryAsync();
                bypassed++;
                await Task.Delay(25);
            }
        });
        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            while (!stop.IsCancellationRequested && open.Keys.ToArray() is { Length: > 0 } choices)
            {
                // About 30 requests a second in all, so the race outlasts the kill and the restart.
                await Task.Delay(random.Next(1000, 3000));
                var offer = choices[random.Next(choices.Length)];
                var diner = diners[random.Next(diners.Count)];
                var key = Guid.NewGuid().ToString("N");
                for (var attempt = 0; attempt < 400; attempt++)
                {
                    var api = apis[(client + attempt) % 2];
                    var (status, body) = await BookAsync(http, api, token, offer, diner, key);
                    var bookingId = status == 201 ? JsonNode.Parse(body)!["id"]!.GetValue<Guid>() : (Guid?)null;
                    answers.Add(new Answer(clock.Elapsed.TotalSeconds, status, key, bookingId));
                    if (status is 0 or >= 500)
                    {
                        await Task.Delay(100);
                        continue;
                    }

                    if (status == 409 && body.Contains("No portions left.", StringComparison.Ordinal))
                    {
                        open.TryRemove(offer, out _);
                    }

                    break;
                }
            }
        })).ToList();
        await Task.WhenAll([chaos, bypass, .. clients]);

        output.WriteLine($"{answers.Count} answers in {clock.Elapsed.TotalSeconds:0.0} s: " + string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
        output.WriteLine($"killed at {killedAt:0.0} s, answering again at {answeringAgainAt:0.0} s; 5xx from {answers.Where(a => a.Status >= 500).Select(a => a.At).DefaultIfEmpty().Min():0.0} to {answers.Where(a => a.Status >= 500).Select(a => a.At).DefaultIfEmpty().Max():0.0} s; {bypassed} versions moved behind the grains");
        Assert.True(open.IsEmpty, $"the race did not finish: {open.Count} offers still open");
        Assert.Equal(2, offerSilos);
        Assert.True(bypassed > 100, $"the writer behind the grains' backs moved only {bypassed} versions");

        // No offer has more live bookings than portions, and portions left agree with bookings made.
        var state = await app.WithDbAsync(db => db.Offers.Where(o => offers.Contains(o.Id))
            .Select(o => new { o.Portions, o.PortionsLeft, Live = db.Bookings.Count(b => b.OfferId == o.Id && b.Status != BookingStatus.Cancelled) })
            .ToListAsync());
        Assert.All(state, o => Assert.Equal((o.Portions - o.PortionsLeft, true), (o.Live, o.Live <= o.Portions)));
        Assert.Equal(offers.Count * 5, state.Sum(o => o.Live));

        // Each key has one booking, whichever process answered and however often it was asked.
        var confirmed = answers.Where(a => a.BookingId is not null).GroupBy(a => a.Key).ToList();
        Assert.All(confirmed, g => Assert.Single(g.Select(a => a.BookingId).Distinct()));
        var ids = confirmed.Select(g => g.First().BookingId!.Value).ToList();
        Assert.Equal(offers.Count * 5, ids.Count);
        var stored = await app.WithDbAsync(db => db.Bookings.Where(b => ids.Contains(b.Id)).Select(b => new
        {
            b.Id,
            Told = db.Notifications.Count(n => n.SubjectId == b.Id && n.Kind == NotificationKind.BookingConfirmed),
        }).ToListAsync());
        Assert.Equal(ids.Count, stored.Count);
        Assert.All(stored, b => Assert.True(b.Told >= 1, $"booking {b.Id} was confirmed without its messages"));
        // Nothing was stored that no client was told of.
        var all = await app.WithDbAsync(db => db.Bookings.Where(b => offers.Contains(b.OfferId)).Select(b => b.Id).ToListAsync());
        Assert.Empty(all.Except(ids));

        // Errors only while the cluster noticed the death: none 5 s after the kill or 2 s after the restart.
        var window = Math.Max(killedAt + 5, answeringAgainAt + 2);
        var late = answers.Where(a => a.Status >= 500 && (a.At < killedAt || a.At > window)).ToList();
        Assert.True(late.Count == 0, $"{late.Count} answers of 5xx outside {killedAt:0.0}–{window:0.0} s, first at {late.FirstOrDefault()?.At:0.0} s");
        Assert.DoesNotContain(answers, a => a.Status == 500);
    }

    private static async Task<(int Status, string Body)> BookAsync(HttpClient http, ApiProcess api, string token, Guid offer, Guid diner, string key)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(api.Address, $"/api/v1/offers/{offer}/bookings"))
            {
                Content = JsonContent.Create(new { dinerId = diner }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", key);
            using var response = await http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (0, "");
        }
    }

    /// <summary>How many silos hold offers' grains now, asked through a client of the test's own (the first process opens a gateway for it).</summary>
    private async Task<int> SilosHoldingOffersAsync(string cluster)
    {
        using var client = new HostBuilder().UseOrleansClient(orleans =>
        {
            orleans.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = new NpgsqlConnectionStringBuilder(app.ConnectionString) { SearchPath = "orleans" }.ToString();
            });
            orleans.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster, cluster));
        }).Build();
        await client.StartAsync();
        try
        {
            var statistics = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
            return statistics.Where(g => g.GrainType.Contains("MealOfferGrain", StringComparison.Ordinal) && g.ActivationCount > 0)
                .Select(g => g.SiloAddress).Distinct().Count();
        }
        finally
        {
            await client.StopAsync();
        }
    }
}
