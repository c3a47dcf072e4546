using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Brokering.Api.Tests.Support;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Councils;

/// <summary>Cooks and diners cross a council boundary only while an admin-recorded sharing agreement between the two councils is live.</summary>
public abstract class SharingTests(BrokeringApp app)
{
    [Fact]
    public async Task A_diner_is_matched_to_a_neighbouring_councils_cook_only_while_the_councils_have_a_sharing_agreement()
    {
        var here = await StartAsync(app);
        var there = await StartAsync(app);
        var (cook, cookId) = await there.ApprovedCookAsync();
        var offer = await there.OfferAsync(cook, portions: 2);
        var diner = await here.DinerAsync();

        var alone = await RunAsync(here);
        Assert.Empty(alone["proposals"]!.AsArray());

        var agreement = await ReadAsync(await here.Admin.PostAsJsonAsync("/api/v1/sharing-agreements",
            new { councilA = here.CouncilId, councilB = there.CouncilId, reference = "DSA-2026-014" }), HttpStatusCode.Created);
        var shared = await RunAsync(here);
        var proposal = Assert.Single(shared["proposals"]!.AsArray())!;
        Assert.Equal((offer, cookId, diner), (proposal["offerId"]!.GetValue<Guid>(), proposal["cookId"]!.GetValue<Guid>(), proposal["dinerId"]!.GetValue<Guid>()));
        Assert.Contains("cook's council shares with the diner's council", proposal["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));

        var approved = await ReadAsync(await here.Coordinator.PostAsync($"/api/v1/matching/proposals/{proposal["id"]}/approve", null));
        var booking = approved["bookingId"]!.GetValue<Guid>();
        // The booking is the diner's council's; the neighbouring cook still sees and delivers it, and their own coordinators do not see the diner.
        await ReadAsync(await here.Coordinator.GetAsync($"/api/v1/bookings/{booking}"));
        await ReadAsync(await here.Coordinator.GetAsync($"/api/v1/pairings/{approved["pairingId"]}"));
        Assert.Equal("Edna", Assert.Single((await cook.GetFromJsonAsync<JsonArray>($"/api/v1/offers/{offer}/bookings"))!)!["firstName"]!.GetValue<string>());
        await ProblemAsync(await there.Coordinator.GetAsync($"/api/v1/diners/{diner}"), HttpStatusCode.NotFound);
        await ProblemAsync(await there.Coordinator.GetAsync($"/api/v1/bookings/{booking}"), HttpStatusCode.NotFound);
        Assert.Equal("delivered", (await ReadAsync(await cook.PostAsync($"/api/v1/bookings/{booking}/delivered", null)))["status"]!.GetValue<string>());

        await ReadAsync(await here.Admin.PostAsync($"/api/v1/sharing-agreements/{agreement["id"]}/end", null));
        await here.DinerAsync(latitude: 51.5052);
        var ended = await RunAsync(here);
        Assert.Empty(ended["proposals"]!.AsArray());
    }

    [Fact]
    public async Task Only_an_admin_records_or_ends_an_agreement_and_each_council_sees_only_its_own()
    {
        var here = await StartAsync(app);
        var there = await StartAsync(app);
        var elsewhere = await StartAsync(app);
        var body = new { councilA = here.CouncilId, councilB = there.CouncilId, reference = "DSA-2026-015" };

        await ProblemAsync(await here.Coordinator.PostAsJsonAsync("/api/v1/sharing-agreements", body), HttpStatusCode.Forbidden);
        await ProblemAsync(await here.Admin.PostAsJsonAsync("/api/v1/sharing-agreements",
            new { councilA = here.CouncilId, councilB = here.CouncilId, reference = "DSA" }), HttpStatusCode.BadRequest);
        await ProblemAsync(await here.Admin.PostAsJsonAsync("/api/v1/sharing-agreements",
            new { councilA = here.CouncilId, councilB = Guid.NewGuid(), reference = "DSA" }), HttpStatusCode.NotFound);
        var agreement = await ReadAsync(await here.Admin.PostAsJsonAsync("/api/v1/sharing-agreements", body), HttpStatusCode.Created);
        await ProblemAsync(await here.Admin.PostAsJsonAsync("/api/v1/sharing-agreements",
            new { councilA = there.CouncilId, councilB = here.CouncilId, reference = "again, the other way round" }), HttpStatusCode.Conflict);

        Assert.Single((await here.Coordinator.GetFromJsonAsync<JsonArray>("/api/v1/sharing-agreements"))!);
        Assert.Single((await there.Coordinator.GetFromJsonAsync<JsonArray>("/api/v1/sharing-agreements"))!);
        Assert.Empty((await elsewhere.Coordinator.GetFromJsonAsync<JsonArray>("/api/v1/sharing-agreements"))!);
        await ProblemAsync(await here.Coordinator.PostAsync($"/api/v1/sharing-agreements/{agreement["id"]}/end", null), HttpStatusCode.Forbidden);
        var ended = await ReadAsync(await here.Admin.PostAsync($"/api/v1/sharing-agreements/{agreement["id"]}/end", null));
        Assert.False(ended["active"]!.GetValue<bool>());
        await ProblemAsync(await here.Admin.PostAsync($"/api/v1/sharing-agreements/{agreement["id"]}/end", null), HttpStatusCode.Conflict);
        await ReadAsync(await here.Admin.PostAsJsonAsync("/api/v1/sharing-agreements", body), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Agreements_for_one_pair_recorded_at_once_either_way_round_leave_one_live_and_the_rest_are_told_so()
    {
        var here = await StartAsync(app);
        var there = await StartAsync(app);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => here.Admin.PostAsJsonAsync("/api/v1/sharing-agreements", i % 2 == 0
            ? new { councilA = here.CouncilId, councilB = there.CouncilId, reference = $"DSA-{i}" }
            : new { councilA = there.CouncilId, councilB = here.CouncilId, reference = $"DSA-{i}" })));

        Assert.Equal([HttpStatusCode.Created, .. Enumerable.Repeat(HttpStatusCode.Conflict, 7)], answers.Select(a => a.StatusCode).Order());
        Assert.Single((await here.Coordinator.GetFromJsonAsync<JsonArray>("/api/v1/sharing-agreements"))!);
    }

    private static async Task<JsonObject> RunAsync(Scenario s) =>
        await ReadAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/matching/runs", new { deliveryDate = s.DeliveryDate }), HttpStatusCode.Created);
}

[Collection(SharedSqliteHost.Name)]
public sealed class SharingOnSqlite(SqliteApp app) : SharingTests(app);

[Collection(SharedPostgresHost.Name)]
public sealed class SharingOnPostgres(PostgresApp app) : SharingTests(app);
