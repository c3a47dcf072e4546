using System.Globalization;
using System.Security.Claims;
using Brokering.Domain;
using Brokering.Domain.Bookings;
using Brokering.Domain.Councils;
using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;
using Brokering.Features.Access;
using Brokering.Features.Http;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Offers;

/// <summary>
/// A cook's offer. <c>allergens</c> lists what the dish contains, which declares the other
/// allergens absent; leaving it out (null) means "not declared", and such an offer never goes to a
/// diner who avoids any allergen.
/// </summary>
public sealed record CreateOfferRequest(
    string Dish, string? Ingredients, string[]? Allergens, string[] Diets, int Portions, DateOnly DeliveryDate,
    string WindowStart, string WindowEnd, string? ReheatingAdvice = null, DateOnly? CookedOn = null);

public sealed record WithdrawRequest(string Reason);

/// <summary>The withdrawn offer, and how many diners' meals it cancelled.</summary>
public sealed record WithdrawnResponse(OfferResponse Offer, int BookingsCancelled);

public sealed record OfferResponse(
    Guid Id, Guid CookId, string Dish, string Ingredients, bool AllergensDeclared, IReadOnlyList<string> Allergens, IReadOnlyList<string> Diets,
    int Portions, int PortionsLeft, DateOnly DeliveryDate, string WindowStart, string WindowEnd, string? ReheatingAdvice,
    string SafetyGuidance, string Status, double? DistanceKm = null, DateOnly? CookedOn = null)
{
    public static OfferResponse From(MealOffer o, double? distanceKm = null) => new(
        o.Id, o.CookId, o.Dish, o.Ingredients, o.Allergens.IsComplete, Words.List(o.Allergens.Contains), Words.List(o.Diets),
        o.Portions, o.PortionsLeft, o.DeliveryDate, o.Window.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
        o.Window.End.ToString("HH:mm", CultureInfo.InvariantCulture), o.ReheatingAdvice, o.SafetyGuidance, Names.Of(o.Status),
        distanceKm is { } d ? Math.Round(d, 2) : null, o.CookedOn);
}

/// <summary>
/// What a cook may know about a diner booked on their offer: first name, distance rounded to
/// 0.1 km, and dietary needs. <c>address</c> is null until a coordinator has approved the pairing;
/// surname and phone never appear.
/// </summary>
public sealed record CookBookingView(Guid Id, Guid DinerId, string FirstName, double DistanceKm, string Status, string[] Diets, string[] Avoids, string? Address);

public static class OfferEndpoints
{
    public static void MapOfferEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/offers").WithTags("Offers").RequireAuthorization();
        group.MapPost("/", Create).RequireAuthorization(Policies.Cook).WithName("CreateOffer").WithSummary("An approved cook offers portions of a meal.");
        group.MapGet("/{id:guid}", Get).WithName("GetOffer").WithSummary("One offer.");
        group.MapGet("/{id:guid}/bookings", Bookings).WithName("OfferBookings")
            .WithSummary("The offer's bookings as its cook may see them: first names, rounded distances and needs; addresses only for approved pairings.");
        group.MapPost("/{id:guid}/withdraw", Withdraw).WithName("WithdrawOffer")
            .WithSummary("The cook cannot bring this meal: the offer is withdrawn, and each booked diner's meal cancelled with the reason and the diner told. Its cook or a coordinator.");
        group.MapGet("/", Near).WithName("OffersNear").WithSummary("Open offers near a point, nearest first, with their distance in km.");
    }

    public static async Task<Results<Created<OfferResponse>, ProblemHttpResult>> Create(
        CreateOfferRequest request, ClaimsPrincipal user, BrokeringDbContext db, OpenOffers open, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = user.Id();
        var cook = await db.Cooks.SingleOrDefaultAsync(c => c.UserId == userId, cancellationToken);
        if (cook is null)
        {
            return Problems.Forbidden("Apply as a cook, and be approved, before offering meals.");
        }

        var declaration = request.Allergens is null
            ? AllergenDeclaration.NotDeclared
            : AllergenDeclaration.Complete(Words.Flags<Allergens>(request.Allergens, "allergens"));
        var offer = new MealOffer(cook, request.Dish, request.Ingredients ?? "", declaration, Words.Flags<Diets>(request.Diets, "diets"),
            request.Portions, request.DeliveryDate, new DeliveryWindow(Time(request.WindowStart, "windowStart"), Time(request.WindowEnd, "windowEnd")),
            request.ReheatingAdvice, time.TodayInUk(), request.CookedOn);
        db.Offers.Add(offer);
        await db.SaveChangesAsync(cancellationToken);
        open.Changed(offer.CouncilId);
        return TypedResults.Created($"/api/v1/offers/{offer.Id}", OfferResponse.From(offer));
    }

    public static async Task<Results<Ok<WithdrawnResponse>, ProblemHttpResult>> Withdraw(
        Guid id, WithdrawRequest request, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, OpenOffers open, CancellationToken cancellationToken)
    {
        var offer = await OwnOfferAsync(db, id, user, cancellationToken);
        if (offer is null)
        {
            return Problems.NotFound("offer");
        }

        var reason = Text.Required(request.Reason, "reason", Booking.MaxReasonLength);
        var result = await grains.GetGrain<IMealOfferGrain>(id).Withdraw(reason, user.Id()).WaitAsync(cancellationToken);
        if (result.Failure is { } failure)
        {
            throw failure.Rethrow();
        }

        open.Forget(offer.CouncilId);
        var withdrawn = await db.Offers.AsNoTracking().SingleAsync(o => o.Id == id, cancellationToken);
        return TypedResults.Ok(new WithdrawnResponse(OfferResponse.From(withdrawn), result.Cancelled));
    }

    public static async Task<Results<Ok<OfferResponse>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, BrokeringDbContext db, CancellationToken cancellationToken)
    {
        var offer = await db.Offers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        return offer is null || !user.CanSee(offer.CouncilId) ? Problems.NotFound("offer") : TypedResults.Ok(OfferResponse.From(offer));
    }

    /// <summary>The offer's own cook and the council's coordinators; anyone else is told it does not exist.</summary>
    public static async Task<Results<Ok<List<CookBookingView>>, ProblemHttpResult>> Bookings(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, CancellationToken cancellationToken)
    {
        var offer = await OwnOfferAsync(db, id, user, cancellationToken);
        if (offer is null)
        {
            return Problems.NotFound("offer");
        }

        var rows = await (from b in db.Bookings.AsNoTracking()
                          join d in db.Diners.AsNoTracking() on b.DinerId equals d.Id
                          where b.OfferId == id
                          select new { Booking = b, Diner = d }).ToListAsync(cancellationToken);
        var dinerIds = rows.Select(r => r.Diner.Id).ToList();
        var approved = await db.Pairings.AsNoTracking()
            .Where(p => p.CookId == offer.CookId && dinerIds.Contains(p.DinerId) && p.Status == PairingStatus.Approved)
            .Select(p => p.DinerId).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.OrderBy(r => r.Booking.BookedAt).ThenBy(r => r.Booking.Id).Select(r => new CookBookingView(
            r.Booking.Id, r.Diner.Id, r.Diner.FirstName, Math.Round(r.Booking.DistanceKm, 1), Names.Of(r.Booking.Status),
            Words.List(r.Diner.Requires), Words.List(r.Diner.Avoids),
            approved.Contains(r.Diner.Id) ? r.Diner.Contact.Address : null)).ToList());
    }

    /// <summary>The offer when the caller is its cook or a coordinator of its council; null for anyone else, who is told it does not exist.</summary>
    private static async Task<MealOffer?> OwnOfferAsync(BrokeringDbContext db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var offer = await db.Offers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        return offer is null || await user.ToOfferAsync(db, offer, cancellationToken) == Standing.None ? null : offer;
    }

    /// <summary>
    /// Filters the council's open offers (a snapshot at most a second old, see <see cref="OpenOffers"/>)
    /// on a latitude/longitude box, then keeps only those truly within the radius by great-circle
    /// distance, nearest first.
    /// </summary>
    public static async Task<Ok<OfferResponse[]>> Near(
        double latitude, double longitude, double radiusKm, ClaimsPrincipal user, OpenOffers open, TimeProvider time, CancellationToken cancellationToken)
    {
        if (double.IsNaN(radiusKm) || radiusKm <= 0 || radiusKm > CouncilPolicy.UpperLimitKm)
        {
            throw new DomainValidationException(nameof(radiusKm), $"must be more than 0 and at most {CouncilPolicy.UpperLimitKm} km");
        }

        var centre = new GeoPoint(latitude, longitude);
        var (minLat, maxLat, minLon, maxLon) = centre.BoundingBox(radiusKm);
        var councilId = user.CouncilId();
        var today = time.TodayInUk();
        var candidates = (await open.ForCouncilAsync(councilId, today, cancellationToken))
            .Where(o => o.DeliveryDate >= today
                && o.Location.Latitude >= minLat && o.Location.Latitude <= maxLat
                && o.Location.Longitude >= minLon && o.Location.Longitude <= maxLon);
        return TypedResults.Ok(candidates
            .Select(o => (Offer: o, Distance: centre.DistanceKmTo(o.Location)))
            .Where(x => x.Distance <= radiusKm)
            .OrderBy(x => x.Distance)
            .Select(x => OfferResponse.From(x.Offer, x.Distance))
            .ToArray());
    }

    internal static TimeOnly Time(string text, string field) =>
        TimeOnly.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new DomainValidationException(field, "must be a time of day such as 12:30");
}
