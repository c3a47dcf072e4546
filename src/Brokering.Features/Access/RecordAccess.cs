using System.Security.Claims;
using Brokering.Domain.Bookings;
using Brokering.Domain.Cooks;
using Brokering.Domain.Diners;
using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Access;

/// <summary>How the caller stands to one record, closest first: what they may do with it follows from this.</summary>
public enum Standing
{
    /// <summary>No part in it: the record is answered as not found.</summary>
    None,

    /// <summary>Staff of the record's council (an admin serves every council).</summary>
    Coordinator,

    /// <summary>The cook it is about or belongs to: the cook themself, the offer's or booking's cook, the regular cook.</summary>
    Cook,

    /// <summary>The backup cook of a regular meal.</summary>
    BackupCook,

    /// <summary>The referrer who referred the diner it is about.</summary>
    Referrer,
}

/// <summary>
/// Who may act on a given record, in one place: every endpoint, page and grain that acts on a
/// record for someone asks here what they are to it. Council-wide roles (coordinator, admin) are
/// checked by the endpoints' policies as well; this adds the record's own people.
/// </summary>
public static class RecordAccess
{
    /// <summary>Staff see only their own council's records; an admin sees every council's.</summary>
    public static bool CanSee(bool admin, Guid ownCouncil, Guid recordCouncil) => admin || ownCouncil == recordCouncil;

    public static Standing ToDiner(this ClaimsPrincipal user, Diner diner) =>
        !user.CanSee(diner.CouncilId) ? Standing.None
        : user.IsCoordinator() ? Standing.Coordinator
        : diner.ReferredBy == user.Id() ? Standing.Referrer
        : Standing.None;

    public static Standing ToCook(this ClaimsPrincipal user, Cook cook) =>
        cook.UserId == user.Id() ? Standing.Cook
        : user.CanSee(cook.CouncilId) && user.IsCoordinator() ? Standing.Coordinator
        : Standing.None;

    /// <summary>An offer's own cook stands to it as its cook even when they are also staff: the cook's pages show only their own offers.</summary>
    public static async Task<Standing> ToOfferAsync(this ClaimsPrincipal user, BrokeringDbContext db, MealOffer offer, CancellationToken cancellationToken) =>
        !user.CanSee(offer.CouncilId) ? Standing.None
        : await user.IsCookAsync(db, offer.CookId, cancellationToken) ? Standing.Cook
        : user.IsCoordinator() ? Standing.Coordinator
        : Standing.None;

    public static async Task<Standing> ToPairingAsync(this ClaimsPrincipal user, BrokeringDbContext db, Pairing pairing, CancellationToken cancellationToken) =>
        !user.CanSee(pairing.CouncilId) ? Standing.None
        : user.IsCoordinator() ? Standing.Coordinator
        : await user.IsCookAsync(db, pairing.CookId, cancellationToken) ? Standing.Cook
        : Standing.None;

    /// <summary>
    /// A booking belongs to the diner's council, but under a sharing agreement its cook may be a
    /// neighbouring council's volunteer, who brings the meal and so stands to it as its cook.
    /// </summary>
    public static async Task<Standing> ToBookingAsync(this ClaimsPrincipal user, BrokeringDbContext db, Booking booking, CancellationToken cancellationToken)
    {
        if (user.IsCoordinator() && user.CanSee(booking.CouncilId))
        {
            return Standing.Coordinator;
        }

        if (await user.IsCookAsync(db, booking.CookId, cancellationToken))
        {
            return Standing.Cook;
        }

        return user.CanSee(booking.CouncilId) && await user.ReferredAsync(db, booking.DinerId, cancellationToken) ? Standing.Referrer : Standing.None;
    }

    public static async Task<Standing> ToRegularMealAsync(this ClaimsPrincipal user, BrokeringDbContext db, RegularMeal regularMeal, CancellationToken cancellationToken)
    {
        if (user.IsCoordinator() && user.CanSee(regularMeal.CouncilId))
        {
            return Standing.Coordinator;
        }

        var userId = user.Id();
        var cook = await db.Cooks.Where(c => c.UserId == userId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        return cook == regularMeal.CookId ? Standing.Cook
            : cook is not null && cook == regularMeal.BackupCookId ? Standing.BackupCook
            : user.CanSee(regularMeal.CouncilId) && await user.ReferredAsync(db, regularMeal.DinerId, cancellationToken) ? Standing.Referrer
            : Standing.None;
    }

    /// <summary>The diners the caller referred.</summary>
    public static IQueryable<Diner> ReferredBy(this IQueryable<Diner> diners, ClaimsPrincipal user)
    {
        var userId = user.Id();
        return diners.Where(d => d.ReferredBy == userId);
    }

    /// <summary>
    /// Who may raise a concern about a diner: coordinators, the referrer who referred them, and any
    /// cook who has been booked or paired with them.
    /// </summary>
    public static async Task<bool> InvolvedWithDinerAsync(this ClaimsPrincipal user, BrokeringDbContext db, Diner diner, CancellationToken cancellationToken)
    {
        if (user.ToDiner(diner) != Standing.None)
        {
            return true;
        }

        var userId = user.Id();
        var cooks = db.Cooks.Where(c => c.UserId == userId).Select(c => c.Id);
        return await db.Bookings.AnyAsync(b => b.DinerId == diner.Id && cooks.Contains(b.CookId), cancellationToken)
            || await db.Pairings.AnyAsync(p => p.DinerId == diner.Id && p.Status != PairingStatus.Ended && cooks.Contains(p.CookId), cancellationToken);
    }

    /// <summary>Who may raise a concern about a cook: coordinators, and the referrer of any diner the cook has been booked or paired with.</summary>
    public static async Task<bool> InvolvedWithCookAsync(this ClaimsPrincipal user, BrokeringDbContext db, Cook cook, CancellationToken cancellationToken)
    {
        if (user.IsCoordinator() && user.CanSee(cook.CouncilId))
        {
            return true;
        }

        var referred = db.Diners.ReferredBy(user).Select(d => d.Id);
        return await db.Bookings.AnyAsync(b => b.CookId == cook.Id && referred.Contains(b.DinerId), cancellationToken)
            || await db.Pairings.AnyAsync(p => p.CookId == cook.Id && referred.Contains(p.DinerId), cancellationToken);
    }

    private static Task<bool> ReferredAsync(this ClaimsPrincipal user, BrokeringDbContext db, Guid dinerId, CancellationToken cancellationToken) =>
        db.Diners.ReferredBy(user).AnyAsync(d => d.Id == dinerId, cancellationToken);

    private static Task<bool> IsCookAsync(this ClaimsPrincipal user, BrokeringDbContext db, Guid cookId, CancellationToken cancellationToken)
    {
        var userId = user.Id();
        return db.Cooks.AnyAsync(c => c.Id == cookId && c.UserId == userId, cancellationToken);
    }
}
