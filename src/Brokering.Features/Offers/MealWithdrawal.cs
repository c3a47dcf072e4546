using Brokering.Domain;
using Brokering.Domain.Bookings;
using Brokering.Domain.Cooks;
using Brokering.Domain.Diners;
using Brokering.Domain.Offers;
using Brokering.Features.Notifications;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Offers;

/// <summary>
/// What follows when a coordinator stops someone taking part: a suspended cook's coming offers are
/// withdrawn and their bookings cancelled; a paused or closed diner's coming bookings are cancelled
/// and the portions go back. The other party is told each time, in words that do not say why, and
/// all of it is saved with the suspension, pause, close or erasure itself, all or nothing.
/// </summary>
public sealed class MealWithdrawal(BrokeringDbContext db, Outbox outbox, TimeProvider time)
{
    public const string CookCannotCome = "the cook can no longer bring this meal";
    public const string DinerNotTakingMeals = "the diner is not taking meals for now";

    /// <summary>
    /// Withdraws the cook's coming offers and cancels their bookings, inside the caller's transaction,
    /// to be saved with the suspension or erasure. The offers' rows are taken first, so a booking under
    /// way commits before this reads them (and is cancelled here) or waits and then finds its copy of
    /// the offer out of date (and is decided again, on a withdrawn offer).
    /// </summary>
    /// <returns>How many bookings were cancelled.</returns>
    public async Task<int> ForCookAsync(Cook cook, string by, CancellationToken cancellationToken)
    {
        RequireTransaction();
        var today = UkCalendar.DateOf(time.GetUtcNow());
        var coming = db.Offers.Where(o => o.CookId == cook.Id && o.DeliveryDate >= today && (o.Status == OfferStatus.Open || o.Status == OfferStatus.Full));
        await coming.HoldAsync(cancellationToken);
        var offers = await coming.ToListAsync(cancellationToken);
        foreach (var offer in offers)
        {
            offer.Withdraw();
        }

        var offerIds = offers.Select(o => o.Id).ToList();
        var bookings = await db.Bookings.Where(b => offerIds.Contains(b.OfferId) && b.Status == BookingStatus.Confirmed).ToListAsync(cancellationToken);
        foreach (var booking in bookings)
        {
            booking.Cancel(CookCannotCome, by, time.GetUtcNow());
            await outbox.BookingCancelledAsync(booking, cancellationToken);
        }

        return bookings.Count;
    }

    /// <summary>
    /// Stops a diner's coming meals: cancels their confirmed bookings, telling each cook, applies
    /// <paramref name="change"/> (a pause, a close, an erasure) and gives the portions back, with
    /// <paramref name="alsoInTransaction"/>, all in one transaction. The diner's row is taken first,
    /// so a booking under way commits before the bookings are read (and is cancelled here) or waits
    /// and then finds the diner changed (<see cref="BrokeringDbContext.HoldForBooking"/>).
    /// </summary>
    public async Task ForDinerAsync(Diner diner, string by, Action<Diner> change, Func<Task>? alsoInTransaction, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Diners.Where(d => d.Id == diner.Id).HoldAsync(cancellationToken);
        var today = UkCalendar.DateOf(time.GetUtcNow());
        var bookings = await (from b in db.Bookings
                              join o in db.Offers on b.OfferId equals o.Id
                              where b.DinerId == diner.Id && b.Status == BookingStatus.Confirmed && o.DeliveryDate >= today
                              select b).ToListAsync(cancellationToken);
        foreach (var booking in bookings)
        {
            booking.Cancel(DinerNotTakingMeals, by, time.GetUtcNow());
            await outbox.BookingCancelledAsync(booking, cancellationToken);
        }

        change(diner);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var booking in bookings)
        {
            await db.ReleaseAsync(booking.OfferId, cancellationToken);
        }

        if (alsoInTransaction is not null)
        {
            await alsoInTransaction();
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private void RequireTransaction()
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A cook's meals are withdrawn inside the transaction that saves the suspension or erasure.");
        }
    }
}
