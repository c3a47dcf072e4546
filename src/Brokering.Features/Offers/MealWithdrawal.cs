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
/// and the portions go back. The other party is told each time, in words that do not say why. The
/// changes are tracked, to be saved with the suspension itself, all or nothing.
/// </summary>
public sealed class MealWithdrawal(BrokeringDbContext db, Outbox outbox, TimeProvider time)
{
    public const string CookCannotCome = "the cook can no longer bring this meal";
    public const string DinerNotTakingMeals = "the diner is not taking meals for now";

    /// <returns>How many bookings were cancelled.</returns>
    public async Task<int> ForCookAsync(Cook cook, string by, CancellationToken cancellationToken)
    {
        var today = UkCalendar.DateOf(time.GetUtcNow());
        var offers = await db.Offers
            .Where(o => o.CookId == cook.Id && o.DeliveryDate >= today && (o.Status == OfferStatus.Open || o.Status == OfferStatus.Full))
            .ToListAsync(cancellationToken);
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

    /// <summary>Cancels the diner's coming bookings; each portion is given back when the changes are saved.</summary>
    /// <returns>The offers whose portions must be released after saving.</returns>
    public async Task<IReadOnlyList<Guid>> ForDinerAsync(Diner diner, string by, CancellationToken cancellationToken)
    {
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

        return [.. bookings.Select(b => b.OfferId)];
    }

    /// <summary>
    /// Saves the tracked changes, gives back the portions of the bookings <see cref="ForDinerAsync"/>
    /// cancelled, and runs <paramref name="alsoInTransaction"/>: all in one transaction.
    /// </summary>
    public async Task SaveForDinerAsync(IReadOnlyList<Guid> cancelledOffers, Func<Task>? alsoInTransaction, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var offer in cancelledOffers)
        {
            await db.ReleaseAsync(offer, cancellationToken);
        }

        if (alsoInTransaction is not null)
        {
            await alsoInTransaction();
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
