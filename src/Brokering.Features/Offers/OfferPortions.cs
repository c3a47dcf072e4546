using Brokering.Domain.Offers;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Offers;

/// <summary>
/// Gives portions back in bulk, outside the offer's grain (a paused diner's coming meals), by one
/// conditional UPDATE that checks and changes the count in one step and moves the version on, so
/// the grain's next write from its older copy is refused and it reads the offer again.
/// </summary>
public static class OfferPortions
{
    /// <summary>Gives a cancelled booking's portion back; a full offer opens again. Mirrors <see cref="MealOffer.ReleasePortion"/>.</summary>
    public static async Task<bool> ReleaseAsync(this BrokeringDbContext db, Guid offerId, CancellationToken cancellationToken)
    {
        var rows = await db.Offers
            .Where(o => o.Id == offerId && (o.Status == OfferStatus.Open || o.Status == OfferStatus.Full) && o.PortionsLeft < o.Portions)
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.PortionsLeft, o => o.PortionsLeft + 1)
                .SetProperty(o => o.Status, OfferStatus.Open)
                .SetProperty(o => o.Version, o => o.Version + 1), cancellationToken);
        db.OffersChanged.Add(offerId);
        return rows == 1;
    }
}
