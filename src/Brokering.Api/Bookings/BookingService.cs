using System.Security.Claims;
using Brokering.Api.Infrastructure;
using Brokering.Api.Offers;
using Brokering.Domain.Bookings;
using Brokering.Domain.Pairings;
using Brokering.Domain.Proposals;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brokering.Api.Bookings;

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

    /// <summary>"Offers near me" in this process reads the council's offers again; other replicas' snapshots age out.</summary>
    private BookingResponse Changed(BookingResponse booking, Guid offerCouncilId)
    {
        open.Changed(offerCouncilId);
        return booking;
    }

    private static string Sentence(string reason) => string.Concat(char.ToUpperInvariant(reason[0]).ToString(), reason.AsSpan(1), ".");
}
