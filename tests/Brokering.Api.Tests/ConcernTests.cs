using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Brokering.Api.Tests.Support;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests;

/// <summary>A coordinator's triage: urgent concerns first, acknowledged, then closed with the outcome.</summary>
public abstract class ConcernTests(BrokeringApp app)
{
    [Fact]
    public async Task Concerns_are_listed_urgent_first_acknowledged_and_closed_with_their_outcome()
    {
        var scenario = await Scenario.StartAsync(app);
        var (cook, _) = await scenario.ApprovedCookAsync();
        var offer = await scenario.OfferAsync(cook, portions: 2);
        var booking = (await ReadAsync(await scenario.BookAsync(offer, await scenario.DinerAsync()), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var routine = await RaiseAsync(cook, booking, "routine", "Seemed a little low");
        var urgent = await RaiseAsync(cook, booking, "urgent", "Had a fall last night");

        var listed = (await scenario.Coordinator.GetFromJsonAsync<JsonArray>("/api/v1/concerns"))!;
        Assert.Equal([urgent, routine], listed.Select(c => c!["id"]!.GetValue<Guid>()));

        var acknowledged = await ReadAsync(await scenario.Coordinator.PostAsync($"/api/v1/concerns/{urgent}/acknowledge", null));
        Assert.Equal("acknowledged", acknowledged["status"]!.GetValue<string>());
        await ProblemAsync(await scenario.Coordinator.PostAsync($"/api/v1/concerns/{urgent}/acknowledge", null), HttpStatusCode.Conflict);
        await ProblemAsync(await scenario.Coordinator.PostAsJsonAsync($"/api/v1/concerns/{urgent}/close", new { outcome = " " }), HttpStatusCode.BadRequest);
        var closed = await ReadAsync(await scenario.Coordinator.PostAsJsonAsync($"/api/v1/concerns/{urgent}/close",
            new { outcome = "GP visited; diner well; nominated contact told" }));

        Assert.Equal("resolved", closed["status"]!.GetValue<string>());
        Assert.Equal("GP visited; diner well; nominated contact told", closed["outcome"]!.GetValue<string>());
        var still = (await scenario.Coordinator.GetFromJsonAsync<JsonArray>("/api/v1/concerns"))!;
        Assert.Equal([routine], still.Select(c => c!["id"]!.GetValue<Guid>()));
    }

    private static async Task<Guid> RaiseAsync(HttpClient cook, Guid booking, string severity, string description) =>
        (await ReadAsync(await cook.PostAsJsonAsync($"/api/v1/bookings/{booking}/concerns", new { severity, description })))["concernId"]!.GetValue<Guid>();
}

public sealed class ConcernsOnSqlite(SqliteApp app) : ConcernTests(app), IClassFixture<SqliteApp>;

public sealed class ConcernsOnPostgres(PostgresApp app) : ConcernTests(app), IClassFixture<PostgresApp>;
