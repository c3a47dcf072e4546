using System.Security.Claims;
using Brokering.Api.Infrastructure;
using Brokering.Data;
using Brokering.Data.Notifications;
using Brokering.Domain.Bookings;
using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Bookings;

/// <summary>Either the booking made (or made earlier under the same idempotency key), or why not.</summary>
public sealed record BookingOutcome(Booking? Booking, ProblemHttpResult? Problem);

/// <summary>
/// Books a portion: eligibility first (nothing written), then one transaction that takes the
/// portion by conditional UPDATE and inserts the booking, so either both happen or neither.
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

        if (offer.Status != OfferStatus.Open || offer.PortionsLeft == 0)
        {
            return new(null, NoPortions(offer));
        }

        var cook = await db.Cooks.AsNoTracking().SingleAsync(c => c.Id == offer.CookId, cancellationToken);
        var council = await db.Councils.AsNoTracking().SingleAsync(c => c.Id == offer.CouncilId, cancellationToken);
        var eligibility = Eligibility.Check(offer, cook, diner, council.Policy);
        var pairing = await db.Pairings.SingleOrDefaultAsync(
            p => p.CookId == cook.Id && p.DinerId == diner.Id && p.Status != PairingStatus.Ended, cancellationToken);
        var reasons = eligibility.Reasons.ToList();
        if (pairing is not { IsApproved: true } && !user.IsCoordinator())
        {
            reasons.Add("this cook and diner have not been introduced; a coordinator books their first meal together");
        }

        if (reasons.Count > 0)
        {
            return new(null, Problems.Unprocessable("The diner cannot have this meal.", reasons));
        }

        if (await db.Bookings.AnyAsync(b => b.OfferId == offerId && b.DinerId == dinerId && b.Status != BookingStatus.Cancelled, cancellationToken))
        {
            return new(null, Problems.Conflict("Already booked.", "This diner already has a portion of this offer."));
        }

        var now = time.GetUtcNow();
        var booking = new Booking(offer, diner.Id, diner.CouncilId, eligibility.DistanceKm, userId, now, idempotencyKey);
        if (pairing is null)
        {
            // A coordinator booking a first meal for a pair is the coordinator approving that pairing.
            db.Pairings.Add(Pairing.ApprovedByCoordinator(diner.CouncilId, cook.Id, diner.Id, userId, now));
        }

        try
        {
            return await SaveWithPortionAsync(booking, cancellationToken) ? new(booking, null) : new(null, NoPortions(offer));
        }
        catch (DbUpdateException e) when (Database.IsUniqueViolation(e))
        {
            // A racing request won a unique index: the same idempotency key, or the same diner on this offer.
            db.ChangeTracker.Clear();
            if (idempotencyKey is not null && await ReplayAsync(userId, idempotencyKey, offerId, dinerId, cancellationToken) is { } winner)
            {
                return winner;
            }

            return new(null, Problems.Conflict("Already booked.", "This diner already has a portion of this offer."));
        }
    }

    /// <summary>
    /// Takes the booking's portion by conditional UPDATE and saves the booking, its messages to the
    /// diner and cook, and every other change the caller has made, in one transaction; false, with nothing saved, when no portion is left.
    /// </summary>
    /// <exception cref="DbUpdateException">The diner already has a live booking of this offer, or a racing writer won.</exception>
    public async Task<bool> SaveWithPortionAsync(Booking booking, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.TryTakeAsync(booking.OfferId, cancellationToken))
        {
            db.ChangeTracker.Clear();
            return false;
        }

        await BookingConfirmation.AddAsync(db, outbox, booking, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Telemetry.BookingsConfirmed.Add(1);
        open.Changed(booking.CouncilId);
        return true;
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

    public static ProblemHttpResult NoPortions(MealOffer offer) =>
        Problems.Conflict("No portions left.", $"The offer of {offer.Dish} is {Domain.Names.Of(offer.Status)} with no portions left to book.");
}
