using System.Net;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Bookings;

/// <summary>
/// Every way of booking asks the same desk, so a refusal reads the same, with the same status,
/// whether a referrer books through the API, a coordinator approves the matcher's proposal, or a
/// regular meal is planned.
/// </summary>
public abstract class BookingDeskTests(BrokeringApp app)
{
    [Fact]
    public async Task A_cook_who_stopped_being_matchable_is_refused_in_the_same_words_by_the_API_a_proposal_and_a_regular_meal()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var diner = await s.DinerAsync(allergens: []);
        // A coordinator booking the pair's first meal approves the pairing.
        await ReadAsync(await s.BookAsync(await s.OfferAsync(cook, allergens: [], deliveryDate: s.DeliveryDate), diner), HttpStatusCode.Created);
        var pairing = await app.WithDbAsync(db => db.Pairings.Where(p => p.DinerId == diner).Select(p => p.Id).SingleAsync());
        var day = s.DeliveryDate.AddDays(1);
        var offer = await s.OfferAsync(cook, allergens: [], deliveryDate: day);
        var regularMeal = (await ReadAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/regular-meals", new
        {
            pairingId = pairing, weekday = day.DayOfWeek.ToString().ToLowerInvariant(), everyWeeks = 1, startsOn = day, windowStart = "12:00", windowEnd = "13:00",
            meal = new { dish = "Chicken casserole", ingredients = "chicken, carrots", allergens = Array.Empty<string>(), diets = Array.Empty<string>() },
        }), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var round = await ReadAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/matching/runs", new { deliveryDate = day }), HttpStatusCode.Created);
        var proposal = round["proposals"]!.AsArray().Single(p => p!["dinerId"]!.GetValue<Guid>() == diner)!["id"]!.GetValue<Guid>();
        // Since then the council has started asking for an enhanced DBS check, which this cook lacks.
        await ReadAsync(await s.Admin.PutAsJsonAsync($"/api/v1/councils/{s.CouncilId}/policy", new { requiredChecks = AllChecks.Append("dbs-enhanced"), maxTravelKm = 5 }));

        var byReferrer = await ProblemAsync(await s.BookAsync(offer, diner, by: s.Referrer), HttpStatusCode.UnprocessableEntity);
        var byProposal = await ProblemAsync(await s.Coordinator.PostAsync($"/api/v1/matching/proposals/{proposal}/approve", null), HttpStatusCode.UnprocessableEntity);
        await app.PlanRegularMealsAsync();
        var planned = await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/regular-meals/{regularMeal}"));

        var reasons = Strings(byReferrer["reasons"]);
        Assert.Contains(reasons, r => r.Contains("dbs-enhanced", StringComparison.Ordinal));
        Assert.Equal(byReferrer["title"]!.GetValue<string>(), byProposal["title"]!.GetValue<string>());
        Assert.Equal(reasons, Strings(byProposal["reasons"]));
        var date = planned["occurrences"]!.AsArray().Single(o => o!["date"]!.GetValue<string>() == day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))!;
        Assert.Equal(("needs-cook", string.Join("; ", reasons)), (date["status"]!.GetValue<string>(), date["note"]!.GetValue<string>()));
        // Only the pair's first meal was ever booked.
        Assert.Equal(1, await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.DinerId == diner)));
    }
}

public sealed class BookingDeskOnSqlite(SqliteApp app) : BookingDeskTests(app), IClassFixture<SqliteApp>;

public sealed class BookingDeskOnPostgres(PostgresApp app) : BookingDeskTests(app), IClassFixture<PostgresApp>;
