using System.Net;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Bookings;

/// <summary>Every booked meal has a label that answers all 14 allergens, and no label is made for a meal that no longer suits the diner.</summary>
public abstract class MealLabelTests(BrokeringApp app)
{
    [Fact]
    public async Task A_label_names_the_dish_its_ingredients_every_allergen_the_cooked_date_storage_reheating_and_the_cooks_first_name()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var (otherCook, _) = await s.ApprovedCookAsync();
        var offer = await ReadAsync(await cook.PostAsJsonAsync("/api/v1/offers", new
        {
            dish = "Fish pie",
            ingredients = "haddock, potato, milk, butter, parsley",
            allergens = new[] { "fish", "milk" },
            diets = Array.Empty<string>(),
            portions = 2,
            deliveryDate = s.DeliveryDate,
            cookedOn = s.DeliveryDate.AddDays(-1),
            windowStart = "12:00",
            windowEnd = "13:00",
            reheatingAdvice = "Oven at 180 °C for 30 minutes, covered.",
        }), HttpStatusCode.Created);
        var diner = await s.DinerAsync(allergens: ["peanuts"]);
        var booking = await ReadAsync(await s.BookAsync(offer["id"]!.GetValue<Guid>(), diner), HttpStatusCode.Created);
        var path = $"/api/v1/bookings/{booking["id"]}/label";

        var label = await ReadAsync(await cook.GetAsync(path));

        Assert.Equal("Fish pie", label["dish"]!.GetValue<string>());
        Assert.Equal("haddock, potato, milk, butter, parsley", label["ingredients"]!.GetValue<string>());
        var allergens = label["allergens"]!.AsArray().ToDictionary(a => a!["allergen"]!.GetValue<string>(), a => a!["contains"]!.GetValue<bool>());
        Assert.Equal(14, allergens.Count);
        Assert.Equal(["fish", "milk"], allergens.Where(a => a.Value).Select(a => a.Key).Order());
        Assert.False(allergens["peanuts"]);
        Assert.Equal(s.DeliveryDate.AddDays(-1), DateOnly.Parse(label["cookedOn"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("8 °C", label["storage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Oven at 180 °C for 30 minutes, covered.", label["reheating"]!.GetValue<string>());
        Assert.Equal("Pat", label["cookFirstName"]!.GetValue<string>());
        Assert.Equal("Edna", label["dinerFirstName"]!.GetValue<string>());
        Assert.DoesNotContain("Smith", label.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Fish pie", (await ReadAsync(await s.Coordinator.GetAsync(path)))["dish"]!.GetValue<string>());
        await ProblemAsync(await otherCook.GetAsync(path), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_meal_cooked_two_days_before_delivery_is_refused()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var problem = await ProblemAsync(await cook.PostAsJsonAsync("/api/v1/offers", new
        {
            dish = "Stew",
            ingredients = "beef",
            allergens = Array.Empty<string>(),
            diets = Array.Empty<string>(),
            portions = 1,
            deliveryDate = s.DeliveryDate,
            cookedOn = s.DeliveryDate.AddDays(-2),
            windowStart = "12:00",
            windowEnd = "13:00",
        }), HttpStatusCode.BadRequest);
        Assert.Contains("cookedOn", problem["errors"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_diner_now_avoids_an_allergen_in_a_booked_meal_no_label_is_made_and_the_meal_is_flagged_for_review()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var offer = await s.OfferAsync(cook, allergens: ["milk"]);
        var diner = await s.DinerAsync();
        var booking = (await ReadAsync(await s.BookAsync(offer, diner), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        await ReadAsync(await s.Referrer.PutAsJsonAsync($"/api/v1/diners/{diner}/needs", new { allergens = new[] { "milk" }, diets = Array.Empty<string>() }));

        var problem = await ProblemAsync(await cook.GetAsync($"/api/v1/bookings/{booking}/label"), HttpStatusCode.Conflict);
        Assert.Contains("milk", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var flagged = await app.WithDbAsync(db => db.Bookings.SingleAsync(b => b.Id == booking));
        Assert.Contains("offer contains milk", flagged.ReviewReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_diners_referrer_or_a_coordinator_may_change_their_needs()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var diner = await s.DinerAsync();

        await ProblemAsync(await cook.PutAsJsonAsync($"/api/v1/diners/{diner}/needs", new { allergens = new[] { "milk" }, diets = Array.Empty<string>() }), HttpStatusCode.Forbidden);
        var changed = await ReadAsync(await s.Coordinator.PutAsJsonAsync($"/api/v1/diners/{diner}/needs", new { allergens = new[] { "sesame" }, diets = new[] { "halal" } }));

        Assert.Equal(["sesame"], changed["allergens"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(["halal"], changed["diets"]!.AsArray().Select(a => a!.GetValue<string>()));
    }
}

[Collection(SharedSqliteHost.Name)]
public sealed class MealLabelOnSqlite(SqliteApp app) : MealLabelTests(app);

[Collection(SharedPostgresHost.Name)]
public sealed class MealLabelOnPostgres(PostgresApp app) : MealLabelTests(app);
