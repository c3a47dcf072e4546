using System.Net;
using System.Net.Http.Json;
using System.Text;
using Brokering.Api.Tests.Support;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Hosting;

/// <summary>Bad input gets a clear problem response, never a 500, and never a half-written change.</summary>
public abstract class BadInputTests(BrokeringApp app)
{
    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var s = await StartAsync(app);
        var response = await s.Referrer.PostAsync("/api/v1/diners", new StringContent("{\"firstName\": \"Edna\",", Encoding.UTF8, "application/json"));
        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_missing_required_field_is_a_400_problem()
    {
        var s = await StartAsync(app);
        var response = await s.Referrer.PostAsJsonAsync("/api/v1/diners", new { firstName = "Edna", latitude = 51.5, longitude = -0.1 });
        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(91, -0.1, "latitude")]
    [InlineData(-90.5, -0.1, "latitude")]
    [InlineData(51.5, 181, "longitude")]
    public async Task A_position_off_the_globe_is_a_400_naming_the_field(double latitude, double longitude, string field)
    {
        var s = await StartAsync(app);
        var cook = await s.NewAccountAsync();
        var response = await cook.PostAsJsonAsync("/api/v1/cooks", new { displayName = "Pat", latitude, longitude, travelRadiusKm = 2 });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field));
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Cooks.Count(c => c.CouncilId == s.CouncilId))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_000)]
    [InlineData(-1)]
    public async Task An_offer_of_an_impossible_number_of_portions_is_a_400_and_is_not_saved(int portions)
    {
        var s = await StartAsync(app);
        var (cook, cookId) = await s.ApprovedCookAsync();
        var response = await cook.PostAsJsonAsync("/api/v1/offers", OfferBody(s, portions: portions));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("portions"));
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Offers.Count(o => o.CookId == cookId))));
    }

    [Fact]
    public async Task A_one_megabyte_dish_name_is_refused_with_a_4xx_problem()
    {
        var s = await StartAsync(app);
        var (cook, cookId) = await s.ApprovedCookAsync();
        var response = await cook.PostAsJsonAsync("/api/v1/offers", OfferBody(s, dish: new string('a', 1024 * 1024)));

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Offers.Count(o => o.CookId == cookId))));
    }

    [Fact]
    public async Task An_unknown_allergen_is_a_400_listing_the_fourteen()
    {
        var s = await StartAsync(app);
        var response = await s.Referrer.PostAsJsonAsync("/api/v1/diners", new
        {
            firstName = "Edna", lastName = "Smith", latitude = 51.5, longitude = -0.1, allergens = new[] { "kryptonite" },
            diets = Array.Empty<string>(), contactChannel = "phone", consent = new { given = true },
        });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains("kryptonite", detail, StringComparison.Ordinal);
        Assert.Contains("tree-nuts", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_ids_are_404_problems()
    {
        var s = await StartAsync(app);
        var dinerId = await s.DinerAsync();
        await ProblemAsync(await s.Coordinator.GetAsync($"/api/v1/cooks/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ProblemAsync(await s.Coordinator.GetAsync($"/api/v1/offers/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ProblemAsync(await s.BookAsync(Guid.NewGuid(), dinerId), HttpStatusCode.NotFound);
        await ProblemAsync(await s.Coordinator.PostAsync($"/api/v1/bookings/{Guid.NewGuid()}/delivered", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_councils_people_are_invisible()
    {
        var ours = await StartAsync(app);
        var theirs = await StartAsync(app);
        var (_, cookId) = await theirs.ApprovedCookAsync();
        var dinerId = await theirs.DinerAsync();

        await ProblemAsync(await ours.Coordinator.GetAsync($"/api/v1/cooks/{cookId}"), HttpStatusCode.NotFound);
        await ProblemAsync(await ours.Coordinator.GetAsync($"/api/v1/diners/{dinerId}"), HttpStatusCode.NotFound);
        await ProblemAsync(await ours.Coordinator.PostAsync($"/api/v1/diners/{dinerId}/approve", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_wrong_role_is_refused_and_nothing_is_written()
    {
        var s = await StartAsync(app);
        var (cook, cookId) = await s.AppliedCookAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await cook.PostAsJsonAsync("/api/v1/diners", new
        {
            firstName = "Edna", lastName = "Smith", latitude = 51.5, longitude = -0.1, allergens = Array.Empty<string>(),
            diets = Array.Empty<string>(), contactChannel = "phone", consent = new { given = true },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cook.PostAsync($"/api/v1/cooks/{cookId}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Referrer.PostAsJsonAsync("/api/v1/councils", new { name = "Rogue" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/cooks/{cookId}")).StatusCode);

        var offer = await cook.PostAsJsonAsync("/api/v1/offers", OfferBody(s));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, offer.StatusCode);
        Assert.Equal("applied", (await ReadAsync(await cook.GetAsync($"/api/v1/cooks/{cookId}")))["status"]!.GetValue<string>());
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Diners.Count(d => d.CouncilId == s.CouncilId) + db.Offers.Count(o => o.CookId == cookId))));
    }

    [Fact]
    public async Task Registering_the_same_email_twice_is_a_409()
    {
        var email = $"{Guid.NewGuid():N}@people.test";
        var client = app.CreateClient();
        await ReadAsync(await client.PostAsJsonAsync("/api/v1/accounts/register", new { email, password = Password, displayName = "Pat" }), HttpStatusCode.Created);
        await ProblemAsync(await client.PostAsJsonAsync("/api/v1/accounts/register", new { email, password = Password, displayName = "Pat" }), HttpStatusCode.Conflict);
        await ProblemAsync(await client.PostAsJsonAsync("/api/v1/accounts/register",
            new { email = $"{Guid.NewGuid():N}@people.test", password = "short", displayName = "Pat" }), HttpStatusCode.BadRequest);
    }

    private static object OfferBody(Scenario s, string dish = "Stew", int portions = 2) => new
    {
        dish, ingredients = "beef", allergens = Array.Empty<string>(), diets = Array.Empty<string>(), portions,
        deliveryDate = s.DeliveryDate, windowStart = "12:00", windowEnd = "13:00",
    };
}

[Collection(SharedSqliteHost.Name)]
public sealed class BadInputOnSqlite(SqliteApp app) : BadInputTests(app);

[Collection(SharedPostgresHost.Name)]
public sealed class BadInputOnPostgres(PostgresApp app) : BadInputTests(app);
