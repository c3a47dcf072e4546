using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;

namespace Brokering.Api.Tests.Councils;

/// <summary>
/// A council's policy decides every booking, and offers' grains live in every API process: a
/// change made through one process binds the next booking in every process, with nothing to wait for.
/// </summary>
public sealed class PolicyAcrossReplicasTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task A_check_the_council_starts_requiring_refuses_the_next_booking_on_every_offer_in_both_processes()
    {
        var s = await Scenario.StartAsync(app);
        var delivery = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        var offers = new List<Guid>();
        for (var c = 0; c < 3; c++)
        {
            var (cook, _) = await s.ApprovedCookAsync();
            for (var i = 0; i < 4; i++)
            {
                offers.Add(await s.OfferAsync(cook, portions: 10, deliveryDate: delivery));
            }
        }

        var diners = new Queue<Guid>(await app.WithDbAsync(db => DinerSeed.ApprovedAsync(db, s.CouncilId, offers.Count * 4, app.Clock.Now)));
        var cluster = $"policy-{Guid.NewGuid():N}";
        await using var first = new ApiProcess(app.ConnectionString, cluster, gateway: true);
        await using var second = new ApiProcess(app.ConnectionString, cluster);
        ApiProcess[] apis = [first, second];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var api in apis)
        {
            api.Start();
        }

        await Task.WhenAll(apis.Select(a => a.WaitUntilAnsweringAsync(http, TimeSpan.FromSeconds(90))));
        // Signed in on the processes themselves, which run on the machine's clock, not the test host's.
        var coordinator = await SignInAsync(http, first, s.CoordinatorEmail, Scenario.Password);
        var admin = await SignInAsync(http, second, BrokeringApp.AdminEmail, BrokeringApp.AdminPassword);

        // Every offer booked once through each process: its grain is active, with the policy in memory, on one silo or the other.
        foreach (var offer in offers)
        {
            foreach (var api in apis)
            {
                Assert.Equal(HttpStatusCode.Created, (await BookAsync(http, api, coordinator, offer, diners.Dequeue())).StatusCode);
            }
        }

        var policy = new { requiredChecks = Scenario.AllChecks.Append("dbs-enhanced").ToArray(), maxTravelKm = 5 };
        using (var change = new HttpRequestMessage(HttpMethod.Put, new Uri(first.Address, $"/api/v1/councils/{s.CouncilId}/policy")) { Content = JsonContent.Create(policy) })
        {
            change.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            await Scenario.ReadAsync(await http.SendAsync(change));
        }

        foreach (var offer in offers)
        {
            foreach (var api in apis)
            {
                var refused = await Scenario.ProblemAsync(await BookAsync(http, api, coordinator, offer, diners.Dequeue()), HttpStatusCode.UnprocessableEntity);
                Assert.Contains("dbs-enhanced", refused.ToJsonString(), StringComparison.Ordinal);
            }
        }
    }

    private static async Task<string> SignInAsync(HttpClient http, ApiProcess api, string email, string password) =>
        (await Scenario.ReadAsync(await http.PostAsJsonAsync(new Uri(api.Address, "/api/v1/accounts/login"), new { email, password })))["accessToken"]!.GetValue<string>();

    private static Task<HttpResponseMessage> BookAsync(HttpClient http, ApiProcess api, string token, Guid offer, Guid diner)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(api.Address, $"/api/v1/offers/{offer}/bookings")) { Content = JsonContent.Create(new { dinerId = diner }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }
}
