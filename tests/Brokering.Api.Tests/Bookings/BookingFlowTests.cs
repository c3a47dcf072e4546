using System.Net;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Bookings;

/// <summary>The walking skeleton's whole flow, through HTTP, on each database.</summary>
public abstract class BookingFlowTests(BrokeringApp app)
{
    [Fact]
    public async Task A_cook_is_approved_offers_a_meal_and_a_referred_diner_gets_it_delivered_and_rates_it()
    {
        var s = await StartAsync(app);
        var cookAccount = await s.NewAccountAsync("Pat");
        var applied = await ReadAsync(await cookAccount.PostAsJsonAsync("/api/v1/cooks",
            new { displayName = "Pat", latitude = 51.5, longitude = -0.1, travelRadiusKm = 2 }), HttpStatusCode.Created);
        Assert.Equal("applied", applied["status"]!.GetValue<string>());
        var cookId = applied["id"]!.GetValue<Guid>();

        foreach (var kind in AllChecks)
        {
            await ReadAsync(await s.Coordinator.PostAsJsonAsync($"/api/v1/cooks/{cookId}/checks",
                new { kind, reference = "X1", issuedOn = "2026-10-01", expiresOn = "2027-10-01" }), HttpStatusCode.Created);
        }

        var approved = await ReadAsync(await s.Coordinator.PostAsync($"/api/v1/cooks/{cookId}/approve", null));
        Assert.Equal("approved", approved["status"]!.GetValue<string>());

        var referred = await ReadAsync(await s.Referrer.PostAsJsonAsync("/api/v1/diners", new
        {
            firstName = "Edna", lastName = "Smith", latitude = 51.505, longitude = -0.1, allergens = new[] { "peanuts" },
            diets = new[] { "vegetarian" }, contactChannel = "sms", consent = new { given = true },
        }), HttpStatusCode.Created);
        Assert.Equal("referred", referred["status"]!.GetValue<string>());
        var dinerId = referred["id"]!.GetValue<Guid>();
        await ReadAsync(await s.Coordinator.PostAsync($"/api/v1/diners/{dinerId}/approve", null));

        var offer = await ReadAsync(await cookAccount.PostAsJsonAsync("/api/v1/offers", new
        {
            dish = "Vegetable lasagne", ingredients = "pasta, tomato, courgette, cheese", allergens = new[] { "gluten", "milk" },
            diets = new[] { "vegetarian" }, portions = 2, deliveryDate = s.DeliveryDate, windowStart = "12:00", windowEnd = "13:00",
        }), HttpStatusCode.Created);
        Assert.Equal("open", offer["status"]!.GetValue<string>());
        Assert.Equal(2, offer["portionsLeft"]!.GetValue<int>());
        var offerId = offer["id"]!.GetValue<Guid>();

        var booking = await ReadAsync(await s.BookAsync(offerId, dinerId), HttpStatusCode.Created);
        Assert.Equal("confirmed", booking["status"]!.GetValue<string>());
        var bookingId = booking["id"]!.GetValue<Guid>();
        Assert.Equal(1, (await ReadAsync(await s.Referrer.GetAsync($"/api/v1/offers/{offerId}")))["portionsLeft"]!.GetValue<int>());

        var delivered = await ReadAsync(await cookAccount.PostAsync($"/api/v1/bookings/{bookingId}/delivered", null));
        Assert.Equal("delivered", delivered["status"]!.GetValue<string>());
        var rated = await ReadAsync(await s.Referrer.PostAsJsonAsync($"/api/v1/bookings/{bookingId}/feedback", new { rating = 5, comment = "Lovely" }));
        Assert.Equal(5, rated["rating"]!.GetValue<int>());
        await ProblemAsync(await s.Referrer.PostAsJsonAsync($"/api/v1/bookings/{bookingId}/feedback", new { rating = 4 }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Approving_a_cook_is_refused_with_409_naming_the_checks_the_council_still_needs()
    {
        var s = await StartAsync(app, requiredChecks: ["identity", "dbs-enhanced", "references"]);
        var (_, cookId) = await s.AppliedCookAsync();
        await ReadAsync(await s.Coordinator.PostAsJsonAsync($"/api/v1/cooks/{cookId}/checks",
            new { kind = "identity", reference = "passport", issuedOn = "2026-11-01" }), HttpStatusCode.Created);
        await ReadAsync(await s.Coordinator.PostAsJsonAsync($"/api/v1/cooks/{cookId}/checks",
            new { kind = "dbs-basic", reference = "001234", issuedOn = "2026-11-01" }), HttpStatusCode.Created);

        var problem = await ProblemAsync(await s.Coordinator.PostAsync($"/api/v1/cooks/{cookId}/approve", null), HttpStatusCode.Conflict);

        Assert.Equal(["dbs-enhanced", "references"], problem["missingChecks"]!.AsArray().Select(n => n!.GetValue<string>()));
        var cook = await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/cooks/{cookId}"));
        Assert.Equal("applied", cook["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_referral_without_consent_is_refused_with_422_and_nothing_is_saved()
    {
        var s = await StartAsync(app);
        var response = await s.Referrer.PostAsJsonAsync("/api/v1/diners", new
        {
            firstName = "Edna", lastName = "Smith", latitude = 51.5, longitude = -0.1, allergens = Array.Empty<string>(),
            diets = Array.Empty<string>(), contactChannel = "letter", consent = new { given = false },
        });

        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("consent", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Diners.Count(d => d.CouncilId == s.CouncilId))));
    }

    [Theory]
    [InlineData("allergen", "contains peanuts")]
    [InlineData("undeclared", "no complete allergen declaration")]
    [InlineData("diet", "not halal")]
    [InlineData("radius", "cook's radius is 2.0 km")]
    [InlineData("council-maximum", "council maximum is 1.0 km")]
    [InlineData("diner-not-approved", "diner is referred")]
    [InlineData("checks-expired", "checks not valid on")]
    public async Task A_booking_the_diner_is_not_eligible_for_is_refused_with_422_giving_the_reason(string situation, string reason)
    {
        var s = await StartAsync(app, maxTravelKm: situation == "council-maximum" ? 1 : 5);
        var (cook, cookId) = await s.ApprovedCookAsync(radiusKm: situation == "council-maximum" ? 5 : 2,
            checksExpire: situation == "checks-expired" ? s.DeliveryDate : null);
        var dinerId = situation switch
        {
            "allergen" or "undeclared" => await s.DinerAsync(allergens: ["peanuts"]),
            "diet" => await s.DinerAsync(diets: ["halal"]),
            "radius" => await s.DinerAsync(latitude: 51.53),
            "council-maximum" => await s.DinerAsync(latitude: 51.515),
            "diner-not-approved" => await s.DinerAsync(approve: false),
            _ => await s.DinerAsync(),
        };
        var offerId = await s.OfferAsync(cook, allergens: situation == "allergen" ? ["peanuts", "sesame"] : ["milk"],
            declareAllergens: situation != "undeclared");

        var problem = await ProblemAsync(await s.BookAsync(offerId, dinerId), HttpStatusCode.UnprocessableEntity);

        var reasons = problem["reasons"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains(reasons, r => r.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(3, (await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/offers/{offerId}")))["portionsLeft"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_referrer_cannot_book_a_first_meal_for_a_pair_a_coordinator_has_not_introduced()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var dinerId = await s.DinerAsync();
        var first = await s.OfferAsync(cook);

        var refused = await ProblemAsync(await s.BookAsync(first, dinerId, by: s.Referrer), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("not been introduced", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        await ReadAsync(await s.BookAsync(first, dinerId), HttpStatusCode.Created);
        var second = await s.OfferAsync(cook, deliveryDate: s.DeliveryDate.AddDays(7));
        await ReadAsync(await s.BookAsync(second, dinerId, by: s.Referrer), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_retried_booking_with_the_same_idempotency_key_returns_the_same_booking_and_takes_one_portion()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var dinerId = await s.DinerAsync();
        var offerId = await s.OfferAsync(cook, portions: 3);

        var first = await ReadAsync(await s.BookAsync(offerId, dinerId, "key-1"), HttpStatusCode.Created);
        var retry = await ReadAsync(await s.BookAsync(offerId, dinerId, "key-1"), HttpStatusCode.Created);

        Assert.Equal(first["id"]!.GetValue<Guid>(), retry["id"]!.GetValue<Guid>());
        Assert.Equal(2, (await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/offers/{offerId}")))["portionsLeft"]!.GetValue<int>());

        var otherDiner = await s.DinerAsync();
        await ProblemAsync(await s.BookAsync(offerId, otherDiner, "key-1"), HttpStatusCode.UnprocessableEntity);
        await ProblemAsync(await s.BookAsync(offerId, dinerId, "key-2"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Two_hundred_parallel_bookings_for_five_portions_confirm_exactly_five()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var offerId = await s.OfferAsync(cook, portions: 5);
        var diners = await app.WithDbAsync(db => DinerSeed.ApprovedAsync(db, s.CouncilId, 200, app.Clock.Now));

        var responses = await Task.WhenAll(diners.Select(d => s.BookAsync(offerId, d)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(5, statuses.Count(c => c == HttpStatusCode.Created));
        Assert.Equal(195, statuses.Count(c => c == HttpStatusCode.Conflict));
        var offer = await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/offers/{offerId}"));
        Assert.Equal(0, offer["portionsLeft"]!.GetValue<int>());
        Assert.Equal("full", offer["status"]!.GetValue<string>());
        Assert.Equal(5, await app.WithDbAsync(db => Task.FromResult(db.Bookings.Count(b => b.OfferId == offerId))));
    }

    [Fact]
    public async Task First_meals_for_a_new_pair_booked_at_the_same_moment_all_go_through_under_one_pairing()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var offers = new List<Guid>();
        for (var day = 1; day <= 12; day++)
        {
            offers.Add(await s.OfferAsync(cook, portions: 1, deliveryDate: app.Clock.Today.AddDays(day)));
        }

        var diner = await s.DinerAsync();

        var responses = await Task.WhenAll(offers.Select(o => s.BookAsync(o, diner)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var pairings = await app.WithDbAsync(db => db.Pairings.Where(p => p.DinerId == diner).Select(p => p.Status).ToListAsync());
        Assert.Equal([Domain.Pairings.PairingStatus.Approved], pairings);
        // Later bookings for the pair, by a referrer, find that one pairing.
        await ReadAsync(await s.BookAsync(await s.OfferAsync(cook, deliveryDate: app.Clock.Today.AddDays(13)), diner, by: s.Referrer), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Cancelling_gives_the_portion_back_and_a_cancelled_booking_cannot_be_delivered()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var dinerId = await s.DinerAsync();
        var offerId = await s.OfferAsync(cook, portions: 1);
        var bookingId = (await ReadAsync(await s.BookAsync(offerId, dinerId), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        Assert.Equal("full", (await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/offers/{offerId}")))["status"]!.GetValue<string>());

        var cancelled = await ReadAsync(await cook.PostAsJsonAsync($"/api/v1/bookings/{bookingId}/cancel", new { reason = "Cook is unwell" }));

        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        var offer = await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/offers/{offerId}"));
        Assert.Equal(1, offer["portionsLeft"]!.GetValue<int>());
        Assert.Equal("open", offer["status"]!.GetValue<string>());
        await ProblemAsync(await cook.PostAsync($"/api/v1/bookings/{bookingId}/delivered", null), HttpStatusCode.Conflict);
        await ProblemAsync(await cook.PostAsJsonAsync($"/api/v1/bookings/{bookingId}/cancel", new { reason = "again" }), HttpStatusCode.Conflict);
        Assert.Equal(1, (await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/offers/{offerId}")))["portionsLeft"]!.GetValue<int>());
    }

    [Fact]
    public async Task No_answer_at_the_door_raises_an_urgent_welfare_concern()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var dinerId = await s.DinerAsync();
        var bookingId = (await ReadAsync(await s.BookAsync(await s.OfferAsync(cook), dinerId), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        var noAnswer = await ReadAsync(await cook.PostAsync($"/api/v1/bookings/{bookingId}/no-answer", null));

        Assert.Equal("no-answer", noAnswer["status"]!.GetValue<string>());
        var concernId = noAnswer["concernId"]!.GetValue<Guid>();
        var concern = await app.WithDbAsync(db => db.Concerns.FindAsync(concernId).AsTask());
        Assert.NotNull(concern);
        Assert.Equal(Domain.Concerns.ConcernSeverity.Urgent, concern.Severity);
        Assert.Equal(dinerId, concern.DinerId);
        await ProblemAsync(await cook.PostAsync($"/api/v1/bookings/{bookingId}/delivered", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Offers_near_a_point_are_listed_nearest_first_with_their_distance_and_only_within_the_radius()
    {
        var s = await StartAsync(app);
        var (near, _) = await s.ApprovedCookAsync(latitude: 51.501);
        var (middle, _) = await s.ApprovedCookAsync(latitude: 51.510);
        var (far, _) = await s.ApprovedCookAsync(latitude: 51.600);
        var middleOffer = await s.OfferAsync(middle);
        var nearOffer = await s.OfferAsync(near);
        await s.OfferAsync(far);

        var found = await s.Referrer.GetFromJsonAsync<OfferSummary[]>("/api/v1/offers?latitude=51.5&longitude=-0.1&radiusKm=3");

        Assert.NotNull(found);
        Assert.Equal([nearOffer, middleOffer], found.Select(o => o.Id));
        Assert.Equal(0.11, found[0].DistanceKm, 2);
        Assert.Equal(1.11, found[1].DistanceKm, 2);
    }

    [Fact]
    public async Task The_bootstrap_admin_is_also_coordinator_of_the_default_council()
    {
        var admin = await SignInAsync(app, BrokeringApp.AdminEmail, BrokeringApp.AdminPassword);
        var me = await ReadAsync(await admin.GetAsync("/api/v1/accounts/me"));

        Assert.Equal(["admin", "coordinator"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Order());
        var council = await ReadAsync(await admin.GetAsync($"/api/v1/councils/{me["councilId"]!.GetValue<Guid>()}"));
        Assert.Equal("Default council", council["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_service_publishes_its_OpenAPI_document_and_health()
    {
        var client = app.CreateClient();
        var document = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/offers/{offerId}/bookings", document, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task A_wrong_password_is_a_401_problem_and_no_token()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/accounts/login", new { email = BrokeringApp.AdminEmail, password = "wrong" });
        await ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    private sealed record OfferSummary(Guid Id, double DistanceKm);
}

[Collection(SharedSqliteHost.Name)]
public sealed class BookingFlowOnSqlite(SqliteApp app) : BookingFlowTests(app);

[Collection(SharedPostgresHost.Name)]
public sealed class BookingFlowOnPostgres(PostgresApp app) : BookingFlowTests(app);
