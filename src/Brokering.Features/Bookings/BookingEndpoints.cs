using System.Security.Claims;
using Brokering.Domain;
using Brokering.Domain.Bookings;
using Brokering.Domain.Concerns;
using Brokering.Domain.Pairings;
using Brokering.Domain.Proposals;
using Brokering.Features.Access;
using Brokering.Features.Concerns;
using Brokering.Features.Http;
using Brokering.Features.Notifications;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Bookings;

public sealed record BookRequest(Guid DinerId);

public sealed record CancelRequest(string Reason);

public sealed record ConcernRequest(string Severity, string Description);

public sealed record FeedbackRequest(int Rating, string? Comment = null);

[GenerateSerializer, Immutable, Alias("Brokering.BookingResponse")]
public sealed record BookingResponse(
    Guid Id, Guid OfferId, Guid DinerId, Guid CookId, string Status, double DistanceKm, DateTimeOffset BookedAt,
    string? CancellationReason, int? Rating, string? Comment, Guid? ConcernId = null)
{
    public static BookingResponse From(Booking b, Guid? concernId = null) => new(
        b.Id, b.OfferId, b.DinerId, b.CookId, Names.Of(b.Status), Math.Round(b.DistanceKm, 2), b.BookedAt,
        b.CancellationReason, b.Feedback?.Rating, b.Feedback?.Comment, concernId);
}

/// <summary>A meal's label; <c>allergens</c> lists all 14, each with whether the meal contains it.</summary>
public sealed record MealLabelResponse(
    Guid BookingId, string Dish, string Ingredients, bool AllergensDeclared, IReadOnlyList<AllergenAnswer> Allergens, IReadOnlyList<string> SuitableFor,
    DateOnly CookedOn, DateOnly DeliveryDate, string Storage, string Reheating, string CookFirstName, string DinerFirstName)
{
    public static MealLabelResponse From(Guid bookingId, MealLabel l) => new(
        bookingId, l.Dish, l.Ingredients, l.AllergensDeclared, [.. l.Allergens.Select(a => new AllergenAnswer(Names.Of(a.Allergen), a.Contains))],
        Words.List(l.SuitableFor), l.CookedOn, l.DeliveryDate, l.Storage, l.Reheating, l.CookFirstName, l.DinerFirstName);
}

public sealed record AllergenAnswer(string Allergen, bool Contains);

public static class BookingEndpoints
{
    public static void MapBookingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/offers/{offerId:guid}/bookings", Book).WithTags("Bookings").RequireAuthorization(Policies.Referrer)
            .WithName("BookPortion").WithSummary("Book one portion for a diner. Send an Idempotency-Key header so a retry returns the same booking.");

        var group = app.MapGroup("/api/v1/bookings/{id:guid}").WithTags("Bookings").RequireAuthorization();
        group.MapGet("/", Get).WithName("GetBooking").WithSummary("One booking.");
        group.MapGet("/label", Label).WithName("MealLabel")
            .WithSummary("The meal's label: dish, ingredients, all 14 allergens answered, cooked date, storage and reheating, cook's first name. 409 when the meal is no longer safe for the diner.");
        group.MapPost("/delivered", Delivered).WithName("MarkDelivered").WithSummary("The cook handed the meal over.");
        group.MapPost("/cancel", Cancel).WithName("CancelBooking").WithSummary("Cancel with a reason; the portion goes back on the offer.");
        group.MapPost("/no-answer", NoAnswer).WithName("NoAnswerAtDoor").WithSummary("No reply at the door: raises an urgent welfare concern.");
        group.MapPost("/concerns", RaiseConcern).WithName("RaiseConcern")
            .WithSummary("Raise a welfare or safeguarding concern about this booking; an urgent one alerts the coordinators and the diner's nominated contact at once.");
        group.MapPost("/feedback", GiveFeedback).RequireAuthorization(Policies.Referrer).WithName("GiveFeedback").WithSummary("The diner's rating of a delivered meal.");
    }

    public static async Task<Results<Created<BookingResponse>, ProblemHttpResult>> Book(
        Guid offerId, BookRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user, BookingService bookings, CancellationToken cancellationToken)
    {
        var outcome = await bookings.BookAsync(offerId, request.DinerId, idempotencyKey, user, cancellationToken);
        return outcome.Booking is { } booking
            ? TypedResults.Created($"/api/v1/bookings/{booking.Id}", booking)
            : outcome.Problem!;
    }

    public static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, BrokeringDbContext db, CancellationToken cancellationToken)
    {
        // Only the people the booking concerns: its cook, the diner's referrer and the council's coordinators.
        var booking = await FindAsync(db, id, user, Anyone, cancellationToken);
        return booking is null
            ? Problems.NotFound("booking")
            : TypedResults.Ok(BookingResponse.From(booking));
    }

    public static async Task<Results<Ok<MealLabelResponse>, ProblemHttpResult>> Label(Guid id, ClaimsPrincipal user, BrokeringDbContext db, CancellationToken cancellationToken)
    {
        var booking = await FindAsync(db, id, user, Anyone, cancellationToken);
        if (booking is null)
        {
            return Problems.NotFound("booking");
        }

        var offer = await db.Offers.AsNoTracking().SingleAsync(o => o.Id == booking.OfferId, cancellationToken);
        var diner = await db.Diners.AsNoTracking().SingleAsync(d => d.Id == booking.DinerId, cancellationToken);
        if (MealLabel.WhyNot(booking, offer, diner) is { } why)
        {
            return Problems.Conflict("No label for this meal.", why);
        }

        var cook = await db.Cooks.AsNoTracking().SingleAsync(c => c.Id == booking.CookId, cancellationToken);
        return TypedResults.Ok(MealLabelResponse.From(booking.Id, MealLabel.For(booking, offer, cook, diner)));
    }

    public static Task<Results<Ok<BookingResponse>, ProblemHttpResult>> Delivered(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, BookingService bookings, CancellationToken cancellationToken) =>
        ThroughGrainAsync(id, user, db, bookings, CookOrCoordinator, by => new BookingChange(BookingChangeKind.Delivered, by), cancellationToken);

    public static Task<Results<Ok<BookingResponse>, ProblemHttpResult>> Cancel(
        Guid id, CancelRequest request, ClaimsPrincipal user, BrokeringDbContext db, BookingService bookings, CancellationToken cancellationToken) =>
        ThroughGrainAsync(id, user, db, bookings, Anyone, by => new BookingChange(BookingChangeKind.Cancel, by, request.Reason), cancellationToken);

    public static Task<Results<Ok<BookingResponse>, ProblemHttpResult>> NoAnswer(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, BookingService bookings, CancellationToken cancellationToken) =>
        ThroughGrainAsync(id, user, db, bookings, CookOrCoordinator, by => new BookingChange(BookingChangeKind.NoAnswer, by), cancellationToken);

    /// <summary>A concern is a record of its own beside the booking, which it does not change.</summary>
    public static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> RaiseConcern(
        Guid id, ConcernRequest request, ClaimsPrincipal user, BrokeringDbContext db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var severity = Words.One<ConcernSeverity>(request.Severity, "severity");
        var booking = await FindAsync(db, id, user, Anyone, cancellationToken);
        if (booking is null)
        {
            return Problems.NotFound("booking");
        }

        var concern = Concern.About(booking, severity, request.Description, user.Id(), time.GetUtcNow());
        await ConcernEndpoints.AddAsync(db, outbox, concern, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(BookingResponse.From(booking, concern.Id));
    }

    public static Task<Results<Ok<BookingResponse>, ProblemHttpResult>> GiveFeedback(
        Guid id, FeedbackRequest request, ClaimsPrincipal user, BrokeringDbContext db, BookingService bookings, CancellationToken cancellationToken) =>
        ThroughGrainAsync(id, user, db, bookings, Anyone, by => new BookingChange(BookingChangeKind.Feedback, by, request.Comment, request.Rating), cancellationToken);

    /// <summary>Finds the booking the caller may act on and has its offer's grain, its single writer, make the change.</summary>
    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> ThroughGrainAsync(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, BookingService bookings, Standing[] allowed, Func<string, BookingChange> change, CancellationToken cancellationToken)
    {
        var booking = await FindAsync(db, id, user, allowed, cancellationToken);
        return booking is null
            ? Problems.NotFound("booking")
            : TypedResults.Ok(await bookings.ChangeAsync(booking, change(user.Id()), cancellationToken));
    }

    /// <summary>What only the people who bring the meal and the council's staff may do: mark it delivered, or no answer at the door.</summary>
    private static readonly Standing[] CookOrCoordinator = [Standing.Coordinator, Standing.Cook];

    /// <summary>Reading, cancelling, rating and raising a concern: also the diner's referrer.</summary>
    private static readonly Standing[] Anyone = [Standing.Coordinator, Standing.Cook, Standing.Referrer];

    /// <summary>The tracked booking, when the caller stands to it as one of <paramref name="allowed"/>; others are told it does not exist.</summary>
    private static async Task<Booking?> FindAsync(BrokeringDbContext db, Guid id, ClaimsPrincipal user, Standing[] allowed, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.FindAsync([id], cancellationToken);
        var standing = booking is null ? Standing.None : await user.ToBookingAsync(db, booking, cancellationToken);
        return Array.IndexOf(allowed, standing) >= 0 ? booking : null;
    }
}

/// <summary>Either the booking made (or made earlier under the same idempotency key), or why not.</summary>
public sealed record BookingOutcome(BookingResponse? Booking, ProblemHttpResult? Problem);

/// <summary>An approved proposal's booking, and the pairing the diner and cook now have.</summary>
public sealed record ProposalBooking(Guid BookingId, Guid PairingId, PairingStatus PairingStatus);

/// <summary>
/// Every way of booking asks the offer's grain, the offer's single writer, which asks the booking
/// desk and confirms in one transaction; this turns its answers into the API's problems.
/// </summary>
public sealed class BookingService(IGrainFactory grains, OpenOffers open)
{
    public async Task<BookingOutcome> BookAsync(Guid offerId, Guid dinerId, string? idempotencyKey, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var booker = user.IsCoordinator() ? Booker.Coordinator : Booker.Referrer;
        var result = await grains.GetGrain<IMealOfferGrain>(offerId).Book(new BookCommand(Caller.Of(user), dinerId, booker, idempotencyKey))
            .WaitAsync(cancellationToken);
        return result.Kind switch
        {
            BookResultKind.Booked => new(Changed(result.Booking!, result.OfferCouncilId), null),
            BookResultKind.Replayed => new(result.Booking, null),
            _ => new(null, Problem(result)),
        };
    }

    /// <summary>Books the proposal's portion and approves the proposal, in one transaction, as the desk allows now.</summary>
    /// <returns>The booking, or the problem: 409 for the offer's state or a proposal decided first, 422 for a rule.</returns>
    public async Task<(ProposalBooking? Booking, ProblemHttpResult? Problem)> ApproveAsync(MatchProposal proposal, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // The proposal's council authorized the caller; its offer may be a neighbouring council's, under a sharing agreement.
        var caller = Caller.Of(user) with { AllCouncils = true };
        var result = await grains.GetGrain<IMealOfferGrain>(proposal.OfferId).Book(new BookCommand(caller, proposal.DinerId, Booker.Proposal, null, proposal.Id))
            .WaitAsync(cancellationToken);
        return result.Kind == BookResultKind.Booked
            ? (new(Changed(result.Booking!, result.OfferCouncilId).Id, result.PairingId!.Value, result.PairingStatus), null)
            : (null, Problem(result));
    }

    /// <summary>Why the grain booked nothing, as the problem the API answers; a failure it met is raised again here.</summary>
    private static ProblemHttpResult Problem(BookResult result) => result.Kind switch
    {
        BookResultKind.NoSuchOffer => Problems.NotFound("offer"),
        BookResultKind.NoSuchDiner => Problems.NotFound("diner"),
        BookResultKind.KeyReused => Problems.Unprocessable("Idempotency-Key reused.", ["that Idempotency-Key was already used for a different booking"]),
        BookResultKind.Refused => Refused(result.AsRefusal()),
        BookResultKind.ProposalDecided => Problems.Conflict("Already booked or decided.",
            "The diner already has a portion of this offer, or someone decided this proposal at the same moment."),
        _ => throw result.Failure?.Rethrow() ?? new InvalidOperationException($"Unexpected answer {result.Kind} from an offer's grain."),
    };

    /// <summary>Changes a booking through its offer's grain: a cancellation gives the portion back in the same transaction.</summary>
    public async Task<BookingResponse> ChangeAsync(Booking booking, BookingChange change, CancellationToken cancellationToken)
    {
        var result = await grains.GetGrain<IMealOfferGrain>(booking.OfferId).Change(booking.Id, change).WaitAsync(cancellationToken);
        return result.Booking is { } changed ? Changed(changed, result.OfferCouncilId) : throw result.Failure!.Rethrow();
    }

    /// <summary>The desk's refusal as the problem every path answers with: 409 for the offer's or booking's state, 422 for a rule.</summary>
    public static ProblemHttpResult Refused(BookingRefusal refusal) => refusal.Kind switch
    {
        RefusalKind.NoPortions => Problems.Conflict("No portions left.", Sentence(refusal.Reasons[0])),
        RefusalKind.AlreadyBooked => Problems.Conflict("Already booked.", Sentence(refusal.Reasons[0])),
        _ => Problems.Unprocessable("The diner cannot have this meal.", refusal.Reasons),
    };

    /// <summary>"Offers near me" in this process reads the council's offers again; the grain has told the other processes.</summary>
    private BookingResponse Changed(BookingResponse booking, Guid offerCouncilId)
    {
        open.Forget(offerCouncilId);
        return booking;
    }

    private static string Sentence(string reason) => string.Concat(char.ToUpperInvariant(reason[0]).ToString(), reason.AsSpan(1), ".");
}
