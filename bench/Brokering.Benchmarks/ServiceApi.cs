using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Brokering.Benchmarks;

/// <summary>The calls the benchmarks make to set a council up, as a council's staff and volunteers would make them through the API.</summary>
internal static class ServiceApi
{
    private static readonly string[] Checks = ["identity", "dbs-basic", "food-hygiene", "references", "agreement"];

    /// <summary>Registers a cook, records every check and approves them; returns the cook's bearer token.</summary>
public static async Task<string> ApprovedCookAsync(HttpClient http, string api, string admin, int i, double lat, double lon)
    {
        var email = $"cook{i}-{Guid.NewGuid():N}@load.test";
        await SendAsync(http, HttpMethod.Post, $"{api}/api/v1/accounts/register", null, new { email, password = ServiceCluster.Password, displayName = $"Cook {i}" });
        var token = await LoginAsync(http, api, email);
        var cook = await SendAsync(http, HttpMethod.Post, $"{api}/api/v1/cooks", token, new { displayName = $"Cook {i}", latitude = lat, longitude = lon, travelRadiusKm = 5 });
        var id = cook!["id"]!.GetValue<Guid>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var kind in Checks)
        {
            await SendAsync(http, HttpMethod.Post, $"{api}/api/v1/cooks/{id}/checks", admin,
                new { kind, reference = "LOAD", issuedOn = today.AddMonths(-1), expiresOn = today.AddYears(1) });
        }

        await SendAsync(http, HttpMethod.Post, $"{api}/api/v1/cooks/{id}/approve", admin, null);
        return token;
    }

    public static async Task<Guid> OfferAsync(HttpClient http, string api, string cook, int portions, DateOnly day) =>
        (await SendAsync(http, HttpMethod.Post, $"{api}/api/v1/offers", cook, new
        {
            dish = "Shepherd's pie", ingredients = "Lamb, potato, carrot, onion", allergens = Array.Empty<string>(), diets = Array.Empty<string>(),
            portions, deliveryDate = day, windowStart = "12:00", windowEnd = "13:00",
        }))!["id"]!.GetValue<Guid>();

    public static async Task<Guid> ApprovedDinerAsync(HttpClient http, string api, string admin, int i, double lat, double lon)
    {
        var diner = await SendAsync(http, HttpMethod.Post, $"{api}/api/v1/diners", admin, new
        {
            firstName = "Diner", lastName = $"Number {i}", latitude = lat, longitude = lon, allergens = Array.Empty<string>(), diets = Array.Empty<string>(),
            contactChannel = "sms", phone = $"07700 9{i % 100000:00000}", consent = new { given = true },
        });
        var id = diner!["id"]!.GetValue<Guid>();
        await SendAsync(http, HttpMethod.Post, $"{api}/api/v1/diners/{id}/approve", admin, null);
        return id;
    }

    public static async Task<string> LoginAsync(HttpClient http, string api, string email) =>
        (await SendAsync(http, HttpMethod.Post, $"{api}/api/v1/accounts/login", null, new { email, password = ServiceCluster.Password }))!["accessToken"]!.GetValue<string>();

    public static async Task<JsonObject?> SendAsync(HttpClient http, HttpMethod method, string url, string? token, object? body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0
            ? null
            : await response.Content.ReadFromJsonAsync<JsonObject>();
    }

    public static async Task<List<T>> Parallel<T>(int count, int width, Func<int, Task<T>> make)
    {
        var results = new T[count];
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = width },
            async (i, _) => results[i] = await make(i));
        return [.. results];
    }

    /// <summary>
    /// A random point within <paramref name="spread"/> degrees of latitude of <paramref name="centre"/>
    /// (1.6 times that in longitude, about as far at English latitudes). Safe to call from parallel seeding.
    /// </summary>
    public static (double Latitude, double Longitude) Near((double Latitude, double Longitude) centre, double spread, Random random)
    {
        lock (random)
        {
            return (centre.Latitude + ((random.NextDouble() * 2) - 1) * spread, centre.Longitude + ((random.NextDouble() * 2) - 1) * spread * 1.6);
        }
    }
}
