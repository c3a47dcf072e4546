using System.Linq.Expressions;
using Brokering.Domain.Bookings;
using Brokering.Domain.Contributions;
using Brokering.Domain.Cooks;
using Brokering.Domain.Diners;
using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;
using Brokering.Features.Notifications;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Bookings;

/// <summary>
/// The diner's side of a booking, read in one round trip: the diner, their live pairing with the
/// offer's cook, a recorded exclusion of the pair, whether the two councils share, and the
/// contribution the diner's council asks per meal, and the versions of the offer's cook and council as stored now (so a holder of older copies knows to read them again).
/// </summary>
public sealed record DinerSide(Diner Diner, Pairing? Pairing, bool Excluded, bool CouncilsShare, decimal? Contribution, int CookVersion, int CouncilVersion);

/// <summary>Who a booking concerns, as its messages need them, and the council's contribution per meal, if it asks one.</summary>
public sealed record BookingParties(MealOffer Offer, Cook Cook, string? CookEmail, Diner Diner, decimal? Contribution);

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
        var side = await db.DinerSideAsync(offer, diner.Id, cancellationToken);
        var booked = await db.Bookings.AnyAsync(b => b.OfferId == offer.Id && b.DinerId == diner.Id && b.Status != BookingStatus.Cancelled, cancellationToken);
        return new BookingFacts(offer, cook, diner, council.Policy, side?.CouncilsShare ?? false, side?.Excluded ?? false, side?.Pairing, booked);
    }

    /// <returns>Null when there is no such diner.</returns>
    public static Task<DinerSide?> DinerSideAsync(this BrokeringDbContext db, MealOffer offer, Guid dinerId, CancellationToken cancellationToken) =>
        DinerSideQueries.For(db)(db, dinerId, offer.CookId, offer.CouncilId, cancellationToken);

    // The pairing is joined by the parameters, not the diner's column: correlated, PostgreSQL numbered every pairing of
    // the cook to pick one, and SQLite cannot run the APPLY that picking one needs. A pair has at most one live pairing.
    private static readonly Expression<Func<BrokeringDbContext, Guid, Guid, Guid, CancellationToken, DinerSide?>> DinerSideQuery =
        (db, dinerId, cookId, councilId, _) =>
            (from d in db.Diners.AsNoTracking().Where(d => d.Id == dinerId)
             from p in db.Pairings.AsNoTracking().Where(p => p.CookId == cookId && p.DinerId == dinerId && p.Status != PairingStatus.Ended).DefaultIfEmpty()
             select new DinerSide(
                d,
                p,
                db.Exclusions.Any(e => e.CookId == cookId && e.DinerId == dinerId),
                d.CouncilId != councilId && db.SharingAgreements.Any(s => s.EndedAt == null
                    && ((s.CouncilA == d.CouncilId && s.CouncilB == councilId) || (s.CouncilA == councilId && s.CouncilB == d.CouncilId))),
                db.Councils.Where(c => c.Id == d.CouncilId).Select(c => c.ContributionAmount).FirstOrDefault(),
                db.Cooks.Where(c => c.Id == cookId).Select(c => c.Version).FirstOrDefault(),
                db.Councils.Where(c => c.Id == councilId).Select(c => c.Version).FirstOrDefault()))
            .SingleOrDefault();

    private static readonly CompiledPerModel<Func<BrokeringDbContext, Guid, Guid, Guid, CancellationToken, Task<DinerSide?>>> DinerSideQueries =
        new(() => EF.CompileAsyncQuery(DinerSideQuery));

    /// <summary>
    /// Adds the booking to the unit of work with the pairing its first meal starts, its messages to
    /// the diner and cook and, where the diner's council asks one, a contribution; the payment page
    /// is made later, outside the transaction. Reads nothing: <paramref name="parties"/> hold it all.
    /// The diner's row is held, so a pause or close racing the booking is never missed
    /// (<see cref="BrokeringDbContext.HoldForBooking"/>). The metric is counted when the save
    /// succeeds (<see cref="BrokeringDbContext"/>).
    /// </summary>
    /// <returns>The pairing the booking started, if it started one.</returns>
    public static Pairing? Add(BrokeringDbContext db, Outbox outbox, Booking booking, PairingStep step, BookingParties parties)
    {
        db.HoldForBooking(parties.Diner);
        var pairing = AddBooking(db, booking, step);
        outbox.BookingConfirmed(booking, parties.Offer, parties.Cook, parties.CookEmail, parties.Diner);
        AddContribution(db, booking, parties.Contribution);
        return pairing;
    }

    /// <summary>The same, reading the parties and the contribution from the database.</summary>
    public static async Task<Pairing?> AddAsync(BrokeringDbContext db, Outbox outbox, Booking booking, Diner diner, PairingStep step, CancellationToken cancellationToken)
    {
        db.HoldForBooking(diner);
        var pairing = AddBooking(db, booking, step);
        await outbox.BookingConfirmedAsync(booking, cancellationToken);
        AddContribution(db, booking, await db.Councils.Where(c => c.Id == booking.CouncilId).Select(c => c.ContributionAmount).SingleAsync(cancellationToken));
        return pairing;
    }

    private static Pairing? AddBooking(BrokeringDbContext db, Booking booking, PairingStep step)
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

        return pairing;
    }

    private static void AddContribution(BrokeringDbContext db, Booking booking, decimal? amount)
    {
        if (amount is > 0)
        {
            db.Contributions.Add(new Contribution(booking.CouncilId, booking.Id, amount.Value, booking.BookedAt));
        }
    }
}
