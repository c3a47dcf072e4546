using System.Net;
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
        await ApiProcess.StartAllAsync(http, apis);
        var coordinator = await first.SignInAsync(http, s.CoordinatorEmail, Scenario.Password);
        var admin = await second.SignInAsync(http, BrokeringApp.AdminEmail, BrokeringApp.AdminPassword);

        // Every offer booked once through each process: its grain is active, with the policy in memory, on one silo or the other.
        foreach (var offer in offers)
        {
            foreach (var api in apis)
            {
                Assert.Equal(HttpStatusCode.Created, (await api.BookAsync(http, coordinator, offer, diners.Dequeue())).StatusCode);
            }
        }

        var policy = new { requiredChecks = Scenario.AllChecks.Append("dbs-enhanced").ToArray(), maxTravelKm = 5 };
        await Scenario.ReadAsync(await first.SendAsync(http, HttpMethod.Put, $"/api/v1/councils/{s.CouncilId}/policy", admin, policy));

        foreach (var offer in offers)
        {
            foreach (var api in apis)
            {
                var refused = await Scenario.ProblemAsync(await api.BookAsync(http, coordinator, offer, diners.Dequeue()), HttpStatusCode.UnprocessableEntity);
                Assert.Contains("dbs-enhanced", refused.ToJsonString(), StringComparison.Ordinal);
            }
        }
    }

}
