using System.Security.Claims;
using Brokering.Api.Infrastructure;
using Brokering.Data;
using Brokering.Data.Notifications;
using Brokering.Domain.Bookings;
using Brokering.Domain.Pairings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Bookings;

/// <summary>Either the booking made (or made earlier under the same idempotency key), or why not.</summary>
public sealed record BookingOutcome(Booking? Booking, ProblemHttpResult? Problem);

/// <summary>
/// Books a portion: the booking desk decides first (nothing written), then one transaction takes
/// the portion by conditional UPDATE and inserts the booking with what confirming it brings, so
/// either all of it happens or none.
/// </summary>
public sealed class BookingService(BrokeringDbContext db, Outbox outbox, Offers.OpenOffers open, TimeProvider time)
{
    public async Task<BookingOutcome> BookAsync(Guid offerId, Guid dinerId, string? idempotencyKey, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.Id();
        if (idempotencyKey is not null && await ReplayAsync(userId, idempotencyKey, offerId, dinerId, cancellationToken) is { } replay)
        {
            return replay;
        }

        var offer = await db.Offers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == offerId, cancellationToken);
        if (offer is null || !user.CanSee(offer.CouncilId))
        {
            return new(null, Problems.NotFound("offer"));
        }

        var diner = await db.Diners.AsNoTracking().SingleOrDefaultAsync(d => d.Id == dinerId, cancellationToken);
        if (diner is null || !user.CanSee(diner.CouncilId))
        {
            return new(null, Problems.NotFound("diner"));
        }

        // A second pass only after a racing request won a unique index: the same key, the same diner
        // on this offer, or the pair's first pairing, which the desk then sees.
        for (var attempt = 1; ; attempt++)
        {
            var facts = await db.BookingFactsAsync(offer, diner, cancellationToken);
            var decision = BookingDesk.Decide(facts, user.IsCoordinator() ? Booker.Coordinator : Booker.Referrer);
            if (decision.Refusal is { } refusal)
            {
                return new(null, Refused(refusal));
            }

            var booking = new Booking(offer, diner.Id, diner.CouncilId, decision.DistanceKm, userId, time.GetUtcNow(), idempotencyKey);
            try
            {
                return await ConfirmAsync(booking, decision.Pairing, cancellationToken) is not null ? new(booking, null) : new(null, Refused(BookingDesk.NoPortionsLeft(offer)));
            }
            catch (DbUpdateException e) when (Database.IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
                if (idempotencyKey is not null && await ReplayAsync(userId, idempotencyKey, offerId, dinerId, cancellationToken) is { } winner)
                {
                    return winner;
                }

                if (attempt == 2)
                {
                    return new(null, Refused(BookingDesk.AlreadyBooked));
                }
            }
        }
    }

    /// <summary>
    /// Takes the booking's portion by conditional UPDATE and saves the booking, the pairing its first
    /// meal starts, its messages and every other change the caller has made, in one transaction.
    /// </summary>
    /// <returns>What was confirmed; null, with nothing saved, when no portion is left.</returns>
    /// <exception cref="DbUpdateException">The diner already has a live booking of this offer, or a racing writer won.</exception>
    public async Task<Confirmed?> ConfirmAsync(Booking booking, PairingStep step, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.TryTakeAsync(booking.OfferId, cancellationToken))
        {
            db.ChangeTracker.Clear();
            return null;
        }

        var pairing = await BookingConfirmation.AddAsync(db, outbox, booking, step, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        open.Changed(booking.CouncilId);
        return new Confirmed(booking, pairing);
    }

    private async Task<BookingOutcome?> ReplayAsync(string userId, string key, Guid offerId, Guid dinerId, CancellationToken cancellationToken)
    {
        var earlier = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.BookedBy == userId && b.IdempotencyKey == key, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        return earlier.OfferId == offerId && earlier.DinerId == dinerId
            ? new(earlier, null)
            : new(null, Problems.Unprocessable("Idempotency-Key reused.", ["that Idempotency-Key was already used for a different booking"]));
    }

    /// <summary>The desk's refusal as the problem every path answers with: 409 for the offer's or booking's state, 422 for a rule.</summary>
    public static ProblemHttpResult Refused(BookingRefusal refusal) => refusal.Kind switch
    {
        RefusalKind.NoPortions => Problems.Conflict("No portions left.", Sentence(refusal.Reasons[0])),
        RefusalKind.AlreadyBooked => Problems.Conflict("Already booked.", Sentence(refusal.Reasons[0])),
        _ => Problems.Unprocessable("The diner cannot have this meal.", refusal.Reasons),
    };

    private static string Sentence(string reason) => string.Concat(char.ToUpperInvariant(reason[0]).ToString(), reason.AsSpan(1), ".");
}

/// <summary>A booking confirmed, and the pairing its first meal started, if it started one.</summary>
public sealed record Confirmed(Booking Booking, Pairing? NewPairing);
