using System.Net;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Bookings;

/// <summary>The no-show and hoarding guard: repeated late cancellations by a cook or a diner reach the coordinators, by the council's own limits.</summary>
public abstract class LateCancellationTests(BrokeringApp app)
{
    [Fact]
    public async Task A_cook_who_cancels_three_meals_on_the_day_is_shown_to_coordinators_and_a_diner_under_the_limit_is_not()
    {
        var s = await StartAsync(app);
        var (cook, cookId) = await s.ApprovedCookAsync();
        // The meals are at noon today and it is ten o'clock: any cancellation now is less than 24 hours ahead.
        var today = await s.OfferAsync(cook, portions: 6, allergens: [], deliveryDate: app.Clock.Today);
        var bookings = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            bookings.Add((await ReadAsync(await s.BookAsync(today, await s.DinerAsync()), HttpStatusCode.Created))["id"]!.GetValue<Guid>());
        }

        foreach (var booking in bookings.Take(3))
        {
            await ReadAsync(await cook.PostAsJsonAsync($"/api/v1/bookings/{booking}/cancel", new { reason = "something came up" }));
        }

        await ReadAsync(await s.Referrer.PostAsJsonAsync($"/api/v1/bookings/{bookings[3]}/cancel", new { reason = "not hungry" }));
        // A coordinator's cancellation is the council's decision, not lateness.
        await ReadAsync(await s.Coordinator.PostAsJsonAsync($"/api/v1/bookings/{bookings[4]}/cancel", new { reason = "cook unwell" }));

        var listed = await ListAsync(s);
        var flagged = Assert.Single(listed);
        Assert.Equal("cook", flagged!["party"]!.GetValue<string>());
        Assert.Equal(cookId, flagged["id"]!.GetValue<Guid>());
        Assert.Equal(3, flagged["lateCancellations"]!.GetValue<int>());

        await ReadAsync(await s.Admin.PutAsJsonAsync($"/api/v1/councils/{s.CouncilId}/policy",
            new { requiredChecks = AllChecks, maxTravelKm = 5, lateCancellationHours = 24, lateCancellationLimit = 1, lateCancellationDays = 28 }));
        var stricter = await ListAsync(s);
        Assert.Equal(["cook", "diner"], stricter.Select(r => r!["party"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_cancellation_two_days_ahead_is_not_late_and_a_council_cannot_set_a_limit_of_zero()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var later = await s.OfferAsync(cook, portions: 3, allergens: [], deliveryDate: app.Clock.Today.AddDays(2));
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var booking = (await ReadAsync(await s.BookAsync(later, await s.DinerAsync()), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
            await ReadAsync(await cook.PostAsJsonAsync($"/api/v1/bookings/{booking}/cancel", new { reason = "plans changed" }));
        }

        Assert.Empty(await ListAsync(s));
        var problem = await ProblemAsync(await s.Admin.PutAsJsonAsync($"/api/v1/councils/{s.CouncilId}/policy",
            new { requiredChecks = AllChecks, maxTravelKm = 5, lateCancellationLimit = 0 }), HttpStatusCode.BadRequest);
        Assert.Contains("lateCancellationLimit", problem["errors"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task<System.Text.Json.Nodes.JsonArray> ListAsync(Scenario s) =>
        await ReadListAsync(await s.Coordinator.GetAsync("/api/v1/bookings/late-cancellations"));
}

[Collection(SharedSqliteHost.Name)]
public sealed class LateCancellationsOnSqlite(SqliteApp app) : LateCancellationTests(app);

[Collection(SharedPostgresHost.Name)]
public sealed class LateCancellationsOnPostgres(PostgresApp app) : LateCancellationTests(app);
