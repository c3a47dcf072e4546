using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Brokering.Api.Tests.Support;
using Brokering.Domain.Proposals;
using Brokering.Features.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Matching;

/// <summary>Matching rounds through HTTP: proposals with reasons, approval into bookings, refusals, and the daily schedule.</summary>
public abstract class MatchingTests(BrokeringApp app)
{
    [Fact]
    public async Task A_round_proposes_explains_and_an_approval_books_the_meal_and_starts_a_pairing()
    {
        var s = await StartAsync(app);
        var (cook, cookId) = await s.ApprovedCookAsync();
        var offerId = await s.OfferAsync(cook, portions: 3, allergens: ["milk"]);
        var dinerId = await s.DinerAsync(latitude: 51.5050);
        var allergicId = await s.DinerAsync(latitude: 51.5060, allergens: ["milk"]);

        var run = await ReadAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/matching/runs", new { deliveryDate = s.DeliveryDate }), HttpStatusCode.Created);

        var proposal = Assert.Single(run["proposals"]!.AsArray())!.AsObject();
        Assert.Equal((offerId, dinerId, cookId), (Id(proposal, "offerId"), Id(proposal, "dinerId"), Id(proposal, "cookId")));
        Assert.Equal(0.56, proposal["distanceKm"]!.GetValue<double>(), 0.01);
        Assert.Contains("first meal with this cook: an introduction visit comes first", Strings(proposal["reasons"]));
        var unmatched = Assert.Single(run["unmatched"]!.AsArray())!.AsObject();
        Assert.Equal(allergicId, Id(unmatched, "dinerId"));
        Assert.Equal(["1 offer in range contains milk, which the diner avoids", "no suitable offer within 50.0 km on " + s.DeliveryDate.ToString("yyyy-MM-dd")],
            Strings(unmatched["reasons"]));
        Assert.Equal(1, Assert.Single(run["coverage"]!.AsArray())!["diners"]!.GetValue<int>());
        var again = await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/matching/runs/{Id(run, "id")}"));
        Assert.Equal(run.ToJsonString(), again.ToJsonString());

        var approved = await ReadAsync(await s.Coordinator.PostAsync($"/api/v1/matching/proposals/{Id(proposal, "id")}/approve", null));

        Assert.Equal("approved", approved["proposal"]!["status"]!.GetValue<string>());
        Assert.True(approved["introductionNeeded"]!.GetValue<bool>());
        Assert.Equal("proposed", approved["pairingStatus"]!.GetValue<string>());
        var booking = await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/bookings/{Id(approved, "bookingId")}"));
        Assert.Equal(("confirmed", dinerId), (booking["status"]!.GetValue<string>(), Id(booking, "dinerId")));
        var offer = await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/offers/{offerId}"));
        Assert.Equal(2, offer["portionsLeft"]!.GetValue<int>());
        await ProblemAsync(await s.Coordinator.PostAsync($"/api/v1/matching/proposals/{Id(proposal, "id")}/approve", null), HttpStatusCode.Conflict);

        // After the introduction visit the coordinator approves the pair, and the referrer may book their later meals.
        var pairing = $"/api/v1/pairings/{Id(approved, "pairingId")}";
        await ReadAsync(await s.Coordinator.PostAsJsonAsync($"{pairing}/introduced", new { on = app.Clock.Today }));
        Assert.Equal("approved", (await ReadAsync(await s.Coordinator.PostAsync($"{pairing}/approve", null)))["status"]!.GetValue<string>());
        var nextOffer = await s.OfferAsync(cook, deliveryDate: s.DeliveryDate.AddDays(7));
        await ReadAsync(await s.BookAsync(nextOffer, dinerId, by: s.Referrer), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_proposal_whose_offer_ran_out_is_refused_with_409_and_nothing_is_booked()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var offerId = await s.OfferAsync(cook, portions: 1);
        var dinerId = await s.DinerAsync();
        var run = await ReadAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/matching/runs", new { deliveryDate = s.DeliveryDate }), HttpStatusCode.Created);
        var proposalId = Id(Assert.Single(run["proposals"]!.AsArray())!.AsObject(), "id");
        var other = await s.DinerAsync(latitude: 51.501);
        await ReadAsync(await s.BookAsync(offerId, other), HttpStatusCode.Created);

        await ProblemAsync(await s.Coordinator.PostAsync($"/api/v1/matching/proposals/{proposalId}/approve", null), HttpStatusCode.Conflict);

        Assert.Equal(0, await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.DinerId == dinerId)));
        Assert.Equal(ProposalStatus.Proposed, await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == proposalId).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_proposal_whose_cook_stopped_being_matchable_is_refused_with_the_reason()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        await s.OfferAsync(cook);
        var dinerId = await s.DinerAsync();
        var run = await ReadAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/matching/runs", new { deliveryDate = s.DeliveryDate }), HttpStatusCode.Created);
        // Since the round, the council has started asking for an enhanced DBS check, which this cook lacks.
        await ReadAsync(await s.Admin.PutAsJsonAsync($"/api/v1/councils/{s.CouncilId}/policy",
            new { requiredChecks = Scenario.AllChecks.Append("dbs-enhanced"), maxTravelKm = 5 }));

        var problem = await ProblemAsync(
            await s.Coordinator.PostAsync($"/api/v1/matching/proposals/{Id(run["proposals"]![0]!.AsObject(), "id")}/approve", null), HttpStatusCode.UnprocessableEntity);

        Assert.Contains(Strings(problem["reasons"]), r => r.Contains("dbs-enhanced", StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.DinerId == dinerId)));
    }

    [Fact]
    public async Task Rejecting_with_an_exclusion_keeps_the_pair_apart_in_later_rounds_and_a_new_round_supersedes_the_old()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        await s.OfferAsync(cook);
        var dinerId = await s.DinerAsync();
        var first = await ReadAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/matching/runs", new { deliveryDate = s.DeliveryDate }), HttpStatusCode.Created);
        var second = await ReadAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/matching/runs", new { deliveryDate = s.DeliveryDate }), HttpStatusCode.Created);
        var firstAgain = await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/matching/runs/{Id(first, "id")}"));
        Assert.Equal("superseded", firstAgain["proposals"]![0]!["status"]!.GetValue<string>());

        var proposalId = Id(second["proposals"]![0]!.AsObject(), "id");
        var rejected = await ReadAsync(await s.Coordinator.PostAsJsonAsync($"/api/v1/matching/proposals/{proposalId}/reject",
            new { reason = "diner's family asked for a different cook", excludePair = true }));
        Assert.Equal("rejected", rejected["status"]!.GetValue<string>());

        var third = await ReadAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/matching/runs", new { deliveryDate = s.DeliveryDate }), HttpStatusCode.Created);

        Assert.Empty(third["proposals"]!.AsArray());
        var unmatched = Assert.Single(third["unmatched"]!.AsArray())!.AsObject();
        Assert.Equal(dinerId, Id(unmatched, "dinerId"));
        Assert.Contains("1 offer in range is from a cook recorded as excluded for this diner", Strings(unmatched["reasons"]));
    }

    [Fact]
    public async Task Only_coordinators_run_rounds_only_for_their_council_and_never_for_a_past_day()
    {
        var s = await StartAsync(app);
        var other = await StartAsync(app);
        var run = await ReadAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/matching/runs", new { }), HttpStatusCode.Created);
        Assert.Equal(app.Clock.Today, DateOnly.Parse(run["deliveryDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(HttpStatusCode.Forbidden, (await s.Referrer.PostAsJsonAsync("/api/v1/matching/runs", new { })).StatusCode);
        await ProblemAsync(await other.Coordinator.GetAsync($"/api/v1/matching/runs/{Id(run, "id")}"), HttpStatusCode.NotFound);
        await ProblemAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/matching/runs", new { deliveryDate = app.Clock.Today.AddDays(-1) }),
            HttpStatusCode.BadRequest);
        await ProblemAsync(await s.Coordinator.PostAsJsonAsync($"/api/v1/matching/proposals/{Guid.NewGuid()}/reject", new { reason = "x" }),
            HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_schedule_runs_one_round_per_council_for_the_next_day_however_many_workers_wake()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var tomorrow = app.Clock.Today.AddDays(1);
        await s.OfferAsync(cook, deliveryDate: tomorrow);
        var dinerId = await s.DinerAsync();
        var options = Options.Create(new MatchingScheduleOptions { DaysAhead = 1 });
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var workers = Enumerable.Range(0, 2).Select(_ => new ScheduledMatching(grains, scopes, app.Clock, options, NullLogger<ScheduledMatching>.Instance)).ToList();

        var ran = await Task.WhenAll(workers.Select(w => w.RunRoundsAsync(CancellationToken.None)));
        var councils = await app.WithDbAsync(db => db.Councils.CountAsync());

        Assert.Equal(councils, ran.Sum());
        var runs = await app.WithDbAsync(db => db.MatchingRuns.Where(r => r.CouncilId == s.CouncilId).ToListAsync());
        var scheduled = Assert.Single(runs);
        Assert.Equal((tomorrow, true, "schedule"), (scheduled.DeliveryDate, scheduled.Scheduled, scheduled.StartedBy));
        Assert.Equal(dinerId, await app.WithDbAsync(db => db.Proposals.Where(p => p.RunId == scheduled.Id).Select(p => p.DinerId).SingleAsync()));
    }

    [Fact]
    public async Task Rounds_asked_for_at_once_run_one_after_another_and_leave_one_live_set_of_proposals()
    {
        var s = await StartAsync(app);
        for (var c = 0; c < 4; c++)
        {
            var (cook, _) = await s.ApprovedCookAsync();
            await s.OfferAsync(cook, portions: 5, deliveryDate: s.DeliveryDate);
        }

        await app.WithDbAsync(db => DinerSeed.ApprovedAsync(db, s.CouncilId, 30, app.Clock.Now));

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            await ReadAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/matching/runs", new { deliveryDate = s.DeliveryDate }), HttpStatusCode.Created)));

        var saved = await app.WithDbAsync(db => db.MatchingRuns.AsNoTracking().Where(r => r.CouncilId == s.CouncilId).ToListAsync());
        Assert.Equal(8, saved.Count);
        var live = await app.WithDbAsync(db => db.Proposals.AsNoTracking()
            .Where(p => p.CouncilId == s.CouncilId && p.Status == ProposalStatus.Proposed).Select(p => p.RunId).Distinct().ToListAsync());
        Assert.Contains(Assert.Single(live), saved.Select(r => r.Id));
        Assert.All(runs, run => Assert.Equal(20, run["proposals"]!.AsArray().Count));
    }

    private static Guid Id(JsonObject o, string name) => o[name]!.GetValue<Guid>();

}

public sealed class MatchingOnSqlite(SqliteApp app) : MatchingTests(app), IClassFixture<SqliteApp>;

public sealed class MatchingOnPostgres(PostgresApp app) : MatchingTests(app), IClassFixture<PostgresApp>;
