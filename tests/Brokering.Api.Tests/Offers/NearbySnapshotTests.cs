using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Brokering.Api.Tests.Support;
using Brokering.Domain;
using Brokering.Domain.Offers;
using Microsoft.EntityFrameworkCore;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Offers;

/// <summary>
/// "Offers near me" reads a per-council snapshot at most a second old. Offers made through this
/// process show at once; one written by another replica shows within the snapshot's age.
/// </summary>
public abstract class NearbySnapshotTests(BrokeringApp app)
{
    [Fact]
    public async Task An_offer_made_elsewhere_appears_within_a_second_and_one_made_here_at_once()
    {
        var s = await StartAsync(app);
        var (cook, cookId) = await s.ApprovedCookAsync();
        var here = await s.OfferAsync(cook);
        Assert.Equal([here], await NearAsync(s));

        // Written straight to the database, as another API process would.
        var elsewhere = await app.WithDbAsync(async db =>
        {
            var offer = new MealOffer(await db.Cooks.SingleAsync(c => c.Id == cookId), "Fish pie", "Haddock, potato", AllergenDeclaration.Complete(Allergens.Fish | Allergens.Milk),
                Diets.None, 2, s.DeliveryDate, new DeliveryWindow(new TimeOnly(12, 0), new TimeOnly(13, 0)), null, app.Clock.Today);
            db.Offers.Add(offer);
            await db.SaveChangesAsync();
            return offer.Id;
        });
        var stale = await NearAsync(s);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var fresh = await NearAsync(s);

        Assert.Equal([here], stale);
        Assert.Equal(new[] { here, elsewhere }.Order(), fresh.Order());
        var third = await s.OfferAsync(cook);
        Assert.Contains(third, await NearAsync(s));
    }

    private static async Task<Guid[]> NearAsync(Scenario s) =>
        [.. (await s.Referrer.GetFromJsonAsync<JsonArray>("/api/v1/offers?latitude=51.5&longitude=-0.1&radiusKm=3"))!.Select(o => o!["id"]!.GetValue<Guid>())];
}

[Collection(SharedSqliteHost.Name)]
public sealed class NearbySnapshotOnSqlite(SqliteApp app) : NearbySnapshotTests(app);

[Collection(SharedPostgresHost.Name)]
public sealed class NearbySnapshotOnPostgres(PostgresApp app) : NearbySnapshotTests(app);
