using Brokering.Domain;
using Brokering.Domain.Diners;
using Brokering.Features.Persistence;

namespace Brokering.Api.Tests.Support;

/// <summary>Many approved diners at once, straight through the domain, for tests that need a crowd.</summary>
public static class DinerSeed
{
    public static async Task<List<Guid>> ApprovedAsync(BrokeringDbContext db, Guid councilId, int count, DateTimeOffset at)
    {
        var diners = Enumerable.Range(0, count).Select(i =>
        {
            var diner = new Diner(councilId, $"Diner{i}", "Test", new GeoPoint(51.5 + (i % 10) * 0.0005, -0.1), Allergens.None, Diets.None,
                ContactChannel.Phone, new ContactDetails(null, null, null), new Consent(true, "seed", at), null, "seed");
            diner.Approve();
            return diner;
        }).ToList();
        db.Diners.AddRange(diners);
        await db.SaveChangesAsync();
        return [.. diners.Select(d => d.Id)];
    }
}
