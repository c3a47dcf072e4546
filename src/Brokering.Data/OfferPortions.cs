using Brokering.Domain.Offers;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Data;

/// <summary>
/// The portion counter that many bookings race for, changed by single conditional UPDATEs: the
/// database checks and changes the count in one step, so no interleaving of requests can sell a
/// portion twice or give back more than were offered. These mirror <see cref="MealOffer.TakePortion"/>
/// and <see cref="MealOffer.ReleasePortion"/>.
/// </summary>
public static class OfferPortions
{
    /// <returns>True when a portion was taken; false when none was left or the offer is not open.</returns>
    public static async Task<bool> TryTakeAsync(this BrokeringDbContext db, Guid offerId, CancellationToken cancellationToken)
    {
        var rows = await db.Offers
            .Where(o => o.Id == offerId && o.Status == OfferStatus.Open && o.PortionsLeft > 0)
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.PortionsLeft, o => o.PortionsLeft - 1)
                .SetProperty(o => o.Status, o => o.PortionsLeft == 1 ? OfferStatus.Full : OfferStatus.Open)
                .SetProperty(o => o.Version, o => o.Version + 1), cancellationToken);
        return rows == 1;
    }

    /// <summary>Gives a cancelled booking's portion back; a full offer opens again.</summary>
    public static async Task<bool> ReleaseAsync(this BrokeringDbContext db, Guid offerId, CancellationToken cancellationToken)
    {
        var rows = await db.Offers
            .Where(o => o.Id == offerId && (o.Status == OfferStatus.Open || o.Status == OfferStatus.Full) && o.PortionsLeft < o.Portions)
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.PortionsLeft, o => o.PortionsLeft + 1)
                .SetProperty(o => o.Status, OfferStatus.Open)
                .SetProperty(o => o.Version, o => o.Version + 1), cancellationToken);
        return rows == 1;
    }
}
