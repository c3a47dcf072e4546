using Brokering.Data.Notifications;
using Brokering.Domain.Bookings;
using Brokering.Domain.Contributions;
using Brokering.Domain.Diners;
using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Data;

/// <summary>
/// The database's side of <see cref="BookingDesk"/>, for every way of booking: the facts it
/// decides on, read as of now, and what confirming a booking brings with it.
/// </summary>
public static class BookingConfirmation
{
    /// <summary>What the desk needs to decide whether <paramref name="diner"/> may have a portion of <paramref name="offer"/> now.</summary>
    public static async Task<BookingFacts> BookingFactsAsync(this BrokeringDbContext db, MealOffer offer, Diner diner, CancellationToken cancellationToken)
    {
        var cook = await db.Cooks.AsNoTracking().SingleAsync(c => c.Id == offer.CookId, cancellationToken);
        var council = await db.Councils.AsNoTracking().SingleAsync(c => c.Id == offer.CouncilId, cancellationToken);
        var shares = diner.CouncilId != offer.CouncilId && await db.SharingBetweenAsync(diner.CouncilId, offer.CouncilId, cancellationToken);
        var excluded = await db.Exclusions.AnyAsync(e => e.CookId == cook.Id && e.DinerId == diner.Id, cancellationToken);
        var pairing = await db.Pairings.AsNoTracking()
            .SingleOrDefaultAsync(p => p.CookId == cook.Id && p.DinerId == diner.Id && p.Status != PairingStatus.Ended, cancellationToken);
        var booked = await db.Bookings.AnyAsync(b => b.OfferId == offer.Id && b.DinerId == diner.Id && b.Status != BookingStatus.Cancelled, cancellationToken);
        return new BookingFacts(offer, cook, diner, council.Policy, shares, excluded, pairing, booked);
    }

    /// <summary>
    /// Adds the booking to the unit of work with the pairing its first meal starts, its messages to
    /// the diner and cook and, where the diner's council asks one, a contribution; the payment page
    /// is made later, outside the transaction. The metric is counted when the save succeeds
    /// (<see cref="BrokeringDbContext"/>).
    /// </summary>
    /// <returns>The pairing the booking started, if it started one.</returns>
    public static async Task<Pairing?> AddAsync(BrokeringDbContext db, Outbox outbox, Booking booking, PairingStep step, CancellationToken cancellationToken)
    {
        db.Bookings.Add(booking);
        var pairing = step switch
        {
            PairingStep.ApprovedByCoordinator => Pairing.ApprovedByCoordinator(booking.CouncilId, booking.CookId, booking.DinerId, booking.BookedBy, booking.BookedAt),
            PairingStep.Introduction => new Pairing(booking.CouncilId, booking.CookId, booking.DinerId, booking.BookedBy, booking.BookedAt),
            _ => null,
        };
        if (pairing is not null)
        {
            db.Pairings.Add(pairing);
        }

        await outbox.BookingConfirmedAsync(booking, cancellationToken);
        var amount = await db.Councils.Where(c => c.Id == booking.CouncilId).Select(c => c.ContributionAmount).SingleAsync(cancellationToken);
        if (amount is > 0)
        {
            db.Contributions.Add(new Contribution(booking.CouncilId, booking.Id, amount.Value, booking.BookedAt));
        }

        return pairing;
    }
}
