using System.Net;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Cooks;

/// <summary>Data minimisation: what a cook's own view of their bookings shows about a diner, before and after the pairing is approved.</summary>
public abstract class CookViewTests(BrokeringApp app)
{
    [Fact]
    public async Task A_cook_sees_a_first_name_rounded_distance_and_needs_and_the_address_only_once_the_pairing_is_approved()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var (otherCook, _) = await s.ApprovedCookAsync();
        var offer = await s.OfferAsync(cook, diets: ["vegetarian"]);
        var diner = await s.DinerAsync(diets: ["vegetarian"], allergens: ["peanuts"], phone: "01632 960777", address: "4 Privet Lane, Testbury");
        var run = await ReadAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/matching/runs", new { deliveryDate = s.DeliveryDate }), HttpStatusCode.Created);
        var proposal = run["proposals"]!.AsArray().Single(p => p!["dinerId"]!.GetValue<Guid>() == diner)!["id"];
        var approved = await ReadAsync(await s.Coordinator.PostAsync($"/api/v1/matching/proposals/{proposal}/approve", null));

        var before = await cook.GetAsync($"/api/v1/offers/{offer}/bookings");
        var text = await before.Content.ReadAsStringAsync();
        var seen = Assert.Single((await ReadListAsync(before))!)!;

        Assert.Equal("Edna", seen["firstName"]!.GetValue<string>());
        Assert.Equal(0.6, seen["distanceKm"]!.GetValue<double>());
        Assert.Equal(["vegetarian"], seen["diets"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(["peanuts"], seen["avoids"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Null(seen["address"]);
        Assert.DoesNotContain("Smith", text, StringComparison.Ordinal);
        Assert.DoesNotContain("960777", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Privet", text, StringComparison.Ordinal);
        await ProblemAsync(await otherCook.GetAsync($"/api/v1/offers/{offer}/bookings"), HttpStatusCode.NotFound);
        await ProblemAsync(await s.Referrer.GetAsync($"/api/v1/offers/{offer}/bookings"), HttpStatusCode.NotFound);

        var pairing = $"/api/v1/pairings/{approved["pairingId"]}";
        await ReadAsync(await s.Coordinator.PostAsJsonAsync($"{pairing}/introduced", new { on = app.Clock.Today }));
        await ReadAsync(await s.Coordinator.PostAsync($"{pairing}/approve", null));

        var after = Assert.Single((await ReadListAsync(await cook.GetAsync($"/api/v1/offers/{offer}/bookings")))!)!;
        Assert.Equal("4 Privet Lane, Testbury", after["address"]!.GetValue<string>());
        Assert.DoesNotContain("960777", after.ToJsonString(), StringComparison.Ordinal);
    }
}

[Collection(SharedSqliteHost.Name)]
public sealed class CookViewOnSqlite(SqliteApp app) : CookViewTests(app);

[Collection(SharedPostgresHost.Name)]
public sealed class CookViewOnPostgres(PostgresApp app) : CookViewTests(app);
