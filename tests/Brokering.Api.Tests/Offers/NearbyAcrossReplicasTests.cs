using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Brokering.Api.Tests.Support;
using Xunit.Abstractions;

namespace Brokering.Api.Tests.Offers;

/// <summary>
/// "Offers near me" answers from each API process's snapshot. A booking or a new offer through one
/// process reaches the other's snapshot within 100 ms, long before the snapshot would age out.
/// </summary>
public sealed class NearbyAcrossReplicasTests(PostgresApp app, ITestOutputHelper output) : IClassFixture<PostgresApp>
{
    private static readonly TimeSpan Within = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_booking_or_a_new_offer_through_one_process_shows_in_the_others_offers_near_me_within_100_ms()
    {
        var s = await Scenario.StartAsync(app);
        var delivery = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        var cookEmail = $"{Guid.NewGuid():N}@people.test";
        var (cook, _) = await s.ApprovedCookAsync(email: cookEmail);
        var warm = await s.OfferAsync(cook, portions: 12, deliveryDate: delivery);
        var offer = await s.OfferAsync(cook, portions: 12, deliveryDate: delivery);
        var diners = new Queue<Guid>(await app.WithDbAsync(db => DinerSeed.ApprovedAsync(db, s.CouncilId, 24, app.Clock.Now)));
        var cluster = $"nearby-{Guid.NewGuid():N}";
        // Snapshots that would serve for a minute: only the news from the other process can refresh them in time.
        var settings = new Dictionary<string, string> { ["Brokering__Offers__NearbySnapshotAge"] = "00:01:00" };
        await using var first = new ApiProcess(app.ConnectionString, cluster, gateway: true, settings);
        await using var second = new ApiProcess(app.ConnectionString, cluster, settings: settings);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await ApiProcess.StartAllAsync(http, first, second);
        var coordinator = await first.SignInAsync(http, s.CoordinatorEmail, Scenario.Password);
        var cookToken = await first.SignInAsync(http, cookEmail, Scenario.Password);

        // Until both processes have subscribed to the news, a change may reach the other only when its snapshot ages.
        var warmLeft = 12;
        var passedOn = false;
        for (var attempt = 0; attempt < 12 && !passedOn; attempt++)
        {
            await NearAsync(http, second, coordinator);
            await BookAsync(http, first, coordinator, warm, diners.Dequeue());
            warmLeft--;
            passedOn = await SeenWithinAsync(http, second, coordinator, Within * 10, o => PortionsLeft(o, warm) == warmLeft) is not null;
        }

        Assert.True(passedOn, "in 12 tries, no booking through one process reached the other's offers near me within a second");
        var left = 12;

        // Both ways: the offer's grain lives in one of the two, which refreshes its own snapshot, so one way has only the news.
        foreach (var (writer, reader) in new[] { (first, second), (second, first), (first, second), (second, first) })
        {
            await NearAsync(http, reader, coordinator);
            await BookAsync(http, writer, coordinator, offer, diners.Dequeue());
            left--;
            var seen = await SeenWithinAsync(http, reader, coordinator, Within, o => PortionsLeft(o, offer) == left);
            Assert.True(seen is not null, $"a booking through one process was not in the other's offers near me within {Within.TotalMilliseconds} ms");
            output.WriteLine($"booking seen by the other process after {seen.Value.TotalMilliseconds:0.0} ms");
        }

        await NearAsync(http, second, coordinator);
        var made = await Scenario.ReadAsync(await first.SendAsync(http, HttpMethod.Post, "/api/v1/offers", cookToken, new
        {
            dish = "Fish pie", ingredients = "haddock, potato, milk", allergens = new[] { "fish", "milk" }, diets = Array.Empty<string>(),
            portions = 4, deliveryDate = delivery, windowStart = "12:00", windowEnd = "13:00",
        }), HttpStatusCode.Created);
        var madeId = made["id"]!.GetValue<Guid>();
        var shown = await SeenWithinAsync(http, second, coordinator, Within, o => PortionsLeft(o, madeId) == 4);
        Assert.True(shown is not null, $"a new offer through one process was not in the other's offers near me within {Within.TotalMilliseconds} ms");
        output.WriteLine($"new offer seen by the other process after {shown.Value.TotalMilliseconds:0.0} ms");
    }

    /// <summary>Asks <paramref name="api"/> for offers near the cook until <paramref name="seen"/> holds; how long that took, or null if not within <paramref name="limit"/>.</summary>
    private static async Task<TimeSpan?> SeenWithinAsync(HttpClient http, ApiProcess api, string token, TimeSpan limit, Func<JsonArray, bool> seen)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (seen(await NearAsync(http, api, token)))
            {
                return clock.Elapsed;
            }
        }

        return null;
    }

    private static int? PortionsLeft(JsonArray offers, Guid offer) =>
        offers.FirstOrDefault(o => o!["id"]!.GetValue<Guid>() == offer)?["portionsLeft"]!.GetValue<int>();

    private static async Task<JsonArray> NearAsync(HttpClient http, ApiProcess api, string token) =>
        await Scenario.ReadListAsync(await api.SendAsync(http, HttpMethod.Get, "/api/v1/offers?latitude=51.5&longitude=-0.1&radiusKm=3", token));

    private static async Task BookAsync(HttpClient http, ApiProcess api, string token, Guid offer, Guid diner) =>
        await Scenario.ReadAsync(await api.BookAsync(http, token, offer, diner), HttpStatusCode.Created);
}
