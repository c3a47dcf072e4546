using System.Net;
using Brokering.Api.Tests.Support;
using Brokering.Domain;
using Brokering.Domain.Bookings;
using Brokering.Domain.Diners;
using Brokering.Domain.Offers;
using Microsoft.EntityFrameworkCore;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Diners;

/// <summary>A referrer can tell a family how long the wait is likely to be, and on what that rests, or honestly that there is no estimate.</summary>
public abstract class WaitingEstimateTests(BrokeringApp app)
{
    [Fact]
    public async Task The_estimate_is_the_median_wait_of_similar_diners_nearby_in_the_last_ninety_days_and_says_so()
    {
        var s = await StartAsync(app);
        var (_, cookId) = await s.ApprovedCookAsync(radiusKm: 3);
        // Four diners with no special needs within 2 km waited 10, 20, 30 and 40 days; the others do not count.
        await SeedAsync(s, cookId, [
            (51.505, Diets.None, 10, 5), (51.506, Diets.None, 20, 15), (51.507, Diets.None, 30, 30), (51.508, Diets.None, 40, 60),
            (51.506, Diets.Vegetarian, 2, 5),
            (51.600, Diets.None, 1, 5),
            (51.505, Diets.None, 3, 120),
        ]);
        var diner = await s.DinerAsync();

        var estimate = await ReadAsync(await s.Referrer.GetAsync($"/api/v1/diners/{diner}/waiting-estimate"));

        Assert.Equal(25, estimate["estimatedDays"]!.GetValue<int>());
        Assert.Equal(4, estimate["similarDiners"]!.GetValue<int>());
        Assert.Equal("Based on 4 diners with the same needs within 2 km in the last 90 days", estimate["basis"]!.GetValue<string>());
        Assert.True(estimate["cookInRange"]!.GetValue<bool>());
        Assert.Null(estimate["recruitHere"]);
        Assert.Equal(25, (await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/diners/{diner}/waiting-estimate")))["estimatedDays"]!.GetValue<int>());
        var (cook, _) = await s.ApprovedCookAsync();
        await ProblemAsync(await cook.GetAsync($"/api/v1/diners/{diner}/waiting-estimate"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task With_too_few_similar_diners_or_no_cook_in_range_there_is_no_number_and_far_diners_are_shown_where_to_recruit()
    {
        var s = await StartAsync(app, maxTravelKm: 5);
        var (_, cookId) = await s.ApprovedCookAsync(radiusKm: 3);
        await SeedAsync(s, cookId, [(51.505, Diets.None, 10, 5)]);
        var near = await s.DinerAsync();
        var far = await s.DinerAsync(latitude: 51.700);
        await s.DinerAsync(latitude: 51.701);

        var few = await ReadAsync(await s.Referrer.GetAsync($"/api/v1/diners/{near}/waiting-estimate"));
        Assert.Null(few["estimatedDays"]);
        Assert.Equal("No estimate yet: only 1 diner with the same needs within 5 km had a first meal in the last 90 days", few["basis"]!.GetValue<string>());

        var none = await ReadAsync(await s.Referrer.GetAsync($"/api/v1/diners/{far}/waiting-estimate"));
        Assert.Null(none["estimatedDays"]);
        Assert.Equal("No estimate: no cook within range", none["basis"]!.GetValue<string>());
        Assert.False(none["cookInRange"]!.GetValue<bool>());
        var recruit = none["recruitHere"]!;
        Assert.Equal(2, recruit["diners"]!.GetValue<int>());
        Assert.Equal(51.70, recruit["latitude"]!.GetValue<double>(), 2);
    }

    /// <summary>Diners who had their first meal: latitude, diets, days waited, and how many days ago the meal was.</summary>
    private Task<int> SeedAsync(Scenario s, Guid cookId, (double Latitude, Diets Requires, int Waited, int DaysAgo)[] past) => app.WithDbAsync(async db =>
    {
        var cook = await db.Cooks.SingleAsync(c => c.Id == cookId);
        foreach (var (latitude, requires, waited, daysAgo) in past)
        {
            var meal = app.Clock.Today.AddDays(-daysAgo);
            var referred = UkCalendar.At(meal.AddDays(-waited), new TimeOnly(11, 0));
            var diner = new Diner(s.CouncilId, "Past", "Diner", new GeoPoint(latitude, -0.1), Allergens.None, requires, ContactChannel.Phone,
                new ContactDetails("01632 960123", null, null), new Consent(true, "seed", referred), null, "seed");
            diner.Approve();
            var offer = new MealOffer(cook, "Stew", "beef", AllergenDeclaration.Complete(Allergens.None), Diets.Vegetarian, 1, meal,
                new DeliveryWindow(new TimeOnly(12, 0), new TimeOnly(13, 0)), null, meal);
            var booking = new Booking(offer, diner.Id, s.CouncilId, 0.5, "seed", referred, null);
            booking.MarkDelivered(UkCalendar.At(meal, new TimeOnly(12, 30)));
            db.AddRange(diner, offer, booking);
        }

        return await db.SaveChangesAsync();
    });
}

public sealed class WaitingEstimateOnSqlite(SqliteApp app) : WaitingEstimateTests(app), IClassFixture<SqliteApp>;

public sealed class WaitingEstimateOnPostgres(PostgresApp app) : WaitingEstimateTests(app), IClassFixture<PostgresApp>;
