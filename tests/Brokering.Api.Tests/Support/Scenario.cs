using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Brokering.Api.Tests.Support;

/// <summary>
/// A council of its own for one test, with a coordinator and a referrer signed in, and small
/// builders for cooks, diners and offers that go through the public API like any caller would.
/// </summary>
public sealed class Scenario
{
    public const string Password = "Cook-Passw0rd!";
    public static readonly string[] AllChecks = ["identity", "dbs-basic", "food-hygiene", "references", "agreement"];

    private Scenario(BrokeringApp app, Guid councilId, HttpClient admin, HttpClient coordinator, HttpClient referrer, string coordinatorEmail)
    {
        App = app;
        CoordinatorEmail = coordinatorEmail;
        CouncilId = councilId;
        Admin = admin;
        Coordinator = coordinator;
        Referrer = referrer;
    }

    public BrokeringApp App { get; }
    public Guid CouncilId { get; }
    public HttpClient Admin { get; }
    public HttpClient Coordinator { get; }
    public string CoordinatorEmail { get; }
    public HttpClient Referrer { get; }
    public DateOnly DeliveryDate => App.Clock.Today.AddDays(3);

    public static async Task<Scenario> StartAsync(BrokeringApp app, double maxTravelKm = 5, string[]? requiredChecks = null)
    {
        var admin = await SignInAsync(app, BrokeringApp.AdminEmail, BrokeringApp.AdminPassword);
        var council = await ReadAsync(await admin.PostAsJsonAsync("/api/v1/councils", new
        {
            name = $"Council {Guid.NewGuid():N}",
            policy = new { requiredChecks = requiredChecks ?? AllChecks, maxTravelKm },
        }), HttpStatusCode.Created);
        var councilId = council["id"]!.GetValue<Guid>();

        var (coordinator, coordinatorEmail) = await StaffAsync(app, admin, councilId, "coordinator");
        var (referrer, _) = await StaffAsync(app, admin, councilId, "referrer");
        return new Scenario(app, councilId, admin, coordinator, referrer, coordinatorEmail);
    }

    /// <summary>A cook applicant registered in this council and signed in, not yet applied.</summary>
    public async Task<HttpClient> NewAccountAsync(string displayName = "Pat", string? email = null)
    {
        email ??= $"{Guid.NewGuid():N}@people.test";
        await ReadAsync(await App.CreateClient().PostAsJsonAsync("/api/v1/accounts/register",
            new { email, password = Password, displayName, councilId = CouncilId }), HttpStatusCode.Created);
        return await SignInAsync(App, email, Password);
    }

    /// <summary>A cook who applied, had every required check recorded (valid for a year) and was approved.</summary>
    public async Task<(HttpClient Client, Guid Id)> ApprovedCookAsync(double latitude = 51.5000, double longitude = -0.1000, double radiusKm = 2,
        DateOnly? checksExpire = null, string? email = null)
    {
        var (client, id) = await AppliedCookAsync(latitude, longitude, radiusKm, email);
        var council = await ReadAsync(await Coordinator.GetAsync($"/api/v1/councils/{CouncilId}"));
        foreach (var kind in council["requiredChecks"]!.AsArray())
        {
            await ReadAsync(await Coordinator.PostAsJsonAsync($"/api/v1/cooks/{id}/checks", new
            {
                kind = kind!.GetValue<string>(),
                reference = "REF-1",
                issuedOn = App.Clock.Today.AddMonths(-1),
                expiresOn = checksExpire ?? App.Clock.Today.AddYears(1),
            }), HttpStatusCode.Created);
        }

        await ReadAsync(await Coordinator.PostAsync($"/api/v1/cooks/{id}/approve", null));
        return (client, id);
    }

    /// <summary>A cook who applied, signed in; <paramref name="email"/> (with <see cref="Password"/>) lets a test sign in as them in a browser.</summary>
    public async Task<(HttpClient Client, Guid Id)> AppliedCookAsync(double latitude = 51.5000, double longitude = -0.1000, double radiusKm = 2, string? email = null)
    {
        var client = await NewAccountAsync(email: email);
        var cook = await ReadAsync(await client.PostAsJsonAsync("/api/v1/cooks",
            new { displayName = "Pat", latitude, longitude, travelRadiusKm = radiusKm }), HttpStatusCode.Created);
        return (client, cook["id"]!.GetValue<Guid>());
    }

    public async Task<Guid> DinerAsync(double latitude = 51.5050, double longitude = -0.1000, string[]? allergens = null, string[]? diets = null,
        bool approve = true, string channel = "phone", string? phone = "01632 960001", string? email = null, string? address = null,
        object? nominatedContact = null)
    {
        var diner = await ReadAsync(await Referrer.PostAsJsonAsync("/api/v1/diners", new
        {
            firstName = "Edna",
            lastName = "Smith",
            latitude,
            longitude,
            allergens = allergens ?? [],
            diets = diets ?? [],
            contactChannel = channel,
            phone,
            email,
            address,
            nominatedContact,
            consent = new { given = true },
        }), HttpStatusCode.Created);
        var id = diner["id"]!.GetValue<Guid>();
        if (approve)
        {
            await ReadAsync(await Coordinator.PostAsync($"/api/v1/diners/{id}/approve", null));
        }

        return id;
    }

    public async Task<Guid> OfferAsync(HttpClient cook, int portions = 3, string[]? allergens = null, string[]? diets = null, DateOnly? deliveryDate = null,
        bool declareAllergens = true)
    {
        var offer = await ReadAsync(await cook.PostAsJsonAsync("/api/v1/offers", new
        {
            dish = "Shepherd's pie",
            ingredients = "lamb, potato, carrot, onion, butter, milk",
            allergens = declareAllergens ? allergens ?? ["milk"] : null,
            diets = diets ?? [],
            portions,
            deliveryDate = deliveryDate ?? DeliveryDate,
            windowStart = "12:00",
            windowEnd = "13:30",
        }), HttpStatusCode.Created);
        return offer["id"]!.GetValue<Guid>();
    }

    public Task<HttpResponseMessage> BookAsync(Guid offerId, Guid dinerId, string? idempotencyKey = null, HttpClient? by = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/offers/{offerId}/bookings") { Content = JsonContent.Create(new { dinerId }) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return (by ?? Coordinator).SendAsync(request);
    }

    public static async Task<HttpClient> SignInAsync(BrokeringApp app, string email, string password)
    {
        var client = app.CreateClient();
        var token = await ReadAsync(await client.PostAsJsonAsync("/api/v1/accounts/login", new { email, password }));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        return client;
    }

    /// <summary>The JSON body, after checking the status; a wrong status fails with the body in the message.</summary>
    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>A JSON list, after checking the call succeeded.</summary>
    public static async Task<JsonArray> ReadListAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 but got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsArray();
    }

    /// <summary>A problem response: status, the RFC 9457 media type, and its JSON.</summary>
    /// <summary>A JSON array of strings, such as a problem's <c>reasons</c>.</summary>
    public static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Another coordinator of this council, signed in, with their email.</summary>
    public Task<(HttpClient Client, string Email)> AnotherCoordinatorAsync() => StaffAsync(App, Admin, CouncilId, "coordinator");

    private static async Task<(HttpClient Client, string Email)> StaffAsync(BrokeringApp app, HttpClient admin, Guid councilId, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@council.test";
        await ReadAsync(await app.CreateClient().PostAsJsonAsync("/api/v1/accounts/register",
            new { email, password = Password, displayName = role }), HttpStatusCode.Created);
        var granted = await admin.PostAsJsonAsync($"/api/v1/councils/{councilId}/staff", new { email, role });
        Assert.Equal(HttpStatusCode.NoContent, granted.StatusCode);
        return (await SignInAsync(app, email, Password), email);
    }

    public static string Json(object value) => JsonSerializer.Serialize(value);
}
