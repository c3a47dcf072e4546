using System.Security.Claims;
using Brokering.Api.Bookings;
using Brokering.Api.Infrastructure;
using Brokering.Data;
using Brokering.Domain;
using Brokering.Domain.Bookings;
using Brokering.Domain.Pairings;
using Microsoft.EntityFrameworkCore;
using Orleans.Concurrency;

namespace Brokering.Api.Offers;

/// <summary>
/// The single writer of one meal offer and its bookings: racing bookings for the offer queue here
/// instead of racing in the database. Its answers are outcomes, never domain exceptions, which do
/// not travel between silos; the API turns them back into its problems.
/// </summary>
[Alias("Brokering.IMealOfferGrain")]
public interface IMealOfferGrain : IGrainWithGuidKey
{
    /// <summary>Books a portion as the booking desk allows, with its messages, in one transaction.</summary>
    [Alias("Book")]
    Task<BookResult> Book(BookCommand command);

    /// <summary>Changes one of the offer's bookings (cancelled, delivered, no answer at the door, rated) with what the change brings, in one transaction.</summary>
    [Alias("Change")]
    Task<ChangeResult> Change(Guid bookingId, BookingChange change);

    /// <summary>The cook cannot bring this meal: the offer is withdrawn and its confirmed bookings cancelled, each diner told, in one transaction.</summary>
    [Alias("Withdraw")]
    Task<WithdrawResult> Withdraw(string reason, string by);

    /// <summary>Another writer changed the offer or its bookings: read them again before the next decision.</summary>
    [Alias("Forget"), AlwaysInterleave]
    Task Forget();
}

/// <summary>
/// Who asks, as a grain needs it: no <see cref="ClaimsPrincipal"/> crosses between silos.
/// <see cref="AllCouncils"/> sees every council's offers and diners: an admin, or a caller the API
/// already authorized through a record (a proposal).
/// </summary>
[GenerateSerializer, Immutable, Alias("Brokering.Caller")]
public sealed record Caller(string UserId, Guid CouncilId, bool AllCouncils)
{
    public static Caller Of(ClaimsPrincipal user) => new(user.Id(), user.CouncilId(), user.IsAdmin());

    public bool CanSee(Guid councilId) => RecordAccess.CanSee(AllCouncils, CouncilId, councilId);
}

/// <summary>A request for one portion for <paramref name="DinerId"/>; with <paramref name="ProposalId"/>, the approval of that proposal.</summary>
[GenerateSerializer, Immutable, Alias("Brokering.BookCommand")]
public sealed record BookCommand(Caller Caller, Guid DinerId, Booker Booker, string? IdempotencyKey, Guid? ProposalId = null);

public enum BookResultKind
{
    Booked,

    /// <summary>The same caller sent the same Idempotency-Key for the same booking before: that booking.</summary>
    Replayed,
    NoSuchOffer,
    NoSuchDiner,

    /// <summary>The booking desk refused; <see cref="BookResult.AsRefusal"/> says how and why.</summary>
    Refused,

    /// <summary>The caller's Idempotency-Key was used before for a different booking.</summary>
    KeyReused,

    /// <summary>The proposal was decided by someone else first.</summary>
    ProposalDecided,

    /// <summary>A refusal the domain raised, or the database not answering: see <see cref="BookResult.Failure"/>.</summary>
    Failed,
}

[GenerateSerializer, Immutable, Alias("Brokering.BookResult")]
public sealed record BookResult(
    BookResultKind Kind, BookingResponse? Booking = null, RefusalKind Refusal = default, string[]? Reasons = null, Guid? PairingId = null,
    PairingStatus PairingStatus = default, GrainFailure? Failure = null, Guid OfferCouncilId = default)
{
    public static BookResult Refused(BookingRefusal refusal) => new(BookResultKind.Refused, Refusal: refusal.Kind, Reasons: [.. refusal.Reasons]);

    public BookingRefusal AsRefusal() => new(Refusal, Reasons ?? []);
}

public enum BookingChangeKind
{
    Cancel,
    Delivered,
    NoAnswer,
    Feedback,
}

/// <summary>A change to a booking by <paramref name="By"/>: a cancellation's reason, or a rating with its comment.</summary>
[GenerateSerializer, Immutable, Alias("Brokering.BookingChange")]
public sealed record BookingChange(BookingChangeKind Kind, string By, string? Text = null, int Rating = 0);

/// <summary>How many bookings the withdrawal cancelled, or why not.</summary>
[GenerateSerializer, Immutable, Alias("Brokering.WithdrawResult")]
public sealed record WithdrawResult(int Cancelled, GrainFailure? Failure = null);

/// <summary>The booking as changed (with the concern a no-answer raised), or why not.</summary>
[GenerateSerializer, Immutable, Alias("Brokering.ChangeResult")]
public sealed record ChangeResult(BookingResponse? Booking, GrainFailure? Failure = null, Guid OfferCouncilId = default);

public enum FailureKind
{
    Validation,
    Transition,
    Rule,
    Concurrency,
    DatabaseUnavailable,
}

/// <summary>
/// An exception a grain met, carried as data: domain exceptions and the database's are not among
/// those Orleans sends between silos. <see cref="Rethrow"/> raises it again in the API, where the
/// problem handler answers it as it answers every other request (400, 409, 422 or 503).
/// </summary>
[GenerateSerializer, Immutable, Alias("Brokering.GrainFailure")]
public sealed record GrainFailure(FailureKind Kind, string[] Parts)
{
    /// <returns>Null for anything else, which stays an error of the grain.</returns>
    public static GrainFailure? Of(Exception exception) => exception switch
    {
        DomainValidationException e => new(FailureKind.Validation, [e.Field, e.Reason]),
        InvalidTransitionException e => new(FailureKind.Transition, [e.Aggregate, e.From, e.Action]),
        RuleRefusedException e => new(FailureKind.Rule, [.. e.Reasons]),
        DbUpdateConcurrencyException => new(FailureKind.Concurrency, []),
        _ when Database.IsTransientFailure(exception) => new(FailureKind.DatabaseUnavailable, []),
        _ => null,
    };

    public Exception Rethrow() => throw (Kind switch
    {
        FailureKind.Validation => new DomainValidationException(Parts[0], Parts[1]),
        FailureKind.Transition => new InvalidTransitionException(Parts[0], Parts[1], Parts[2]),
        FailureKind.Rule => new RuleRefusedException(Parts),
        FailureKind.Concurrency => new DbUpdateConcurrencyException("The offer changed while this request was decided."),
        _ => (Exception)new DatabaseUnavailableException(),
    });
}
