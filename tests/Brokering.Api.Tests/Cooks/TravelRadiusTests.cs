using System.Net;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Cooks;

/// <summary>A cook says how far they will take a meal, and the next round matches by it; no one else's cook can be changed.</summary>
public abstract class TravelRadiusTests(BrokeringApp app)
{
    [Fact]
    public async Task A_cook_who_will_travel_further_is_matched_with_a_diner_who_was_out_of_reach()
    {
        var s = await StartAsync(app);
        var (cook, cookId) = await s.ApprovedCookAsync(radiusKm: 0.5);
        await s.OfferAsync(cook, deliveryDate: s.DeliveryDate);
        var diner = await s.DinerAsync(latitude: 51.5135);
        var before = await ReadAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/matching/runs", new { deliveryDate = s.DeliveryDate }), HttpStatusCode.Created);

        var changed = await ReadAsync(await cook.PutAsJsonAsync($"/api/v1/cooks/{cookId}/travel-radius", new { km = 2 }));

        Assert.Equal(2, changed["travelRadiusKm"]!.GetValue<double>());
        Assert.Contains(before["unmatched"]!.AsArray(), u => u!["dinerId"]!.GetValue<Guid>() == diner);
        var after = await ReadAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/matching/runs", new { deliveryDate = s.DeliveryDate }), HttpStatusCode.Created);
        Assert.Contains(after["proposals"]!.AsArray(), p => p!["dinerId"]!.GetValue<Guid>() == diner && p["cookId"]!.GetValue<Guid>() == cookId);
    }

    [Fact]
    public async Task A_radius_of_nothing_or_beyond_any_councils_limit_is_refused_and_another_cook_cannot_change_it()
    {
        var s = await StartAsync(app);
        var (cook, cookId) = await s.ApprovedCookAsync();
        var (other, _) = await s.ApprovedCookAsync();

        var none = await ProblemAsync(await cook.PutAsJsonAsync($"/api/v1/cooks/{cookId}/travel-radius", new { km = 0 }), HttpStatusCode.BadRequest);
        await ProblemAsync(await cook.PutAsJsonAsync($"/api/v1/cooks/{cookId}/travel-radius", new { km = 500 }), HttpStatusCode.BadRequest);
        await ProblemAsync(await other.PutAsJsonAsync($"/api/v1/cooks/{cookId}/travel-radius", new { km = 3 }), HttpStatusCode.NotFound);

        Assert.Contains("travelRadiusKm", none["errors"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(2, (await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/cooks/{cookId}")))["travelRadiusKm"]!.GetValue<double>());
        Assert.Equal(3, (await ReadAsync(await s.Coordinator.PutAsJsonAsync($"/api/v1/cooks/{cookId}/travel-radius", new { km = 3 })))["travelRadiusKm"]!.GetValue<double>());
    }
}

public sealed class TravelRadiusOnSqlite(SqliteApp app) : TravelRadiusTests(app), IClassFixture<SqliteApp>;

public sealed class TravelRadiusOnPostgres(PostgresApp app) : TravelRadiusTests(app), IClassFixture<PostgresApp>;
