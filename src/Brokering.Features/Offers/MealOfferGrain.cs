using System.Diagnostics;
using System.Linq.Expressions;
using System.Security.Claims;
using Brokering.Domain;
using Brokering.Domain.Bookings;
using Brokering.Domain.Concerns;
using Brokering.Domain.Cooks;
using Brokering.Domain.Councils;
using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;
using Brokering.Domain.Proposals;
using Brokering.Features.Access;
using Brokering.Features.Bookings;
using Brokering.Features.Notifications;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Orleans.Concurrency;

namespace Brokering.Features.Offers;

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

/// <summary>
/// Holds one offer, its bookings, its cook (with the cook's e-mail for messages) and its council's
/// policy in memory, as the domain's own EF aggregates read without tracking; Orleans grain storage
/// is not used. A booking costs one read (the diner's side, with the cook's and council's current
/// versions) and one write: the offer's UPDATE carries the version this copy was read at, batched
/// with the booking, its pairing, its messages and its contribution, in one transaction.
/// Whoever else writes (a duplicate activation, a sweep, a suspension) moves the version on, so
/// this grain's next write is refused and it reads again: a retry, never an oversell.
/// </summary>
public sealed class MealOfferGrain(IServiceScopeFactory scopes, OpenOffers open, TimeProvider time) : Grain, IMealOfferGrain
{
    /// <summary>
    /// How old a copy may be before a refusal made from memory alone ("no portions left") is
    /// checked against the database. Every writer in an API process that can give a portion back
    /// tells the grain at once; this covers one that cannot (a hand-made correction in the database).
    /// </summary>
    private static readonly TimeSpan RefusalCheckAge = TimeSpan.FromSeconds(30);

    /// <summary>How long the cook's e-mail address, which no version covers, is trusted.</summary>
    private static readonly TimeSpan PartiesAge = TimeSpan.FromSeconds(60);

    private MealOffer? _offer;
    private List<Booking> _bookings = [];
    private Cook? _cook;
    private string? _cookEmail;
    private CouncilPolicy? _policy;
    private int _councilVersion;
    private long _loadedAt;
    private long _partiesLoadedAt;
    private bool _stale = true;

    private Guid OfferId => this.GetPrimaryKey();

    /// <summary>
    /// Another writer changed the offer: the copy is not used again, and the activation goes once
    /// its running command ends, taking with it everything it held (an erased cook's details
    /// included: erasure changes every offer of the cook).
    /// </summary>
    public Task Forget()
    {
        _stale = true;
        this.DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<BookResult> Book(BookCommand command) =>
        WriteAsync((db, services, attempt) => DecideAsync(db, services, command, attempt), failure => new BookResult(BookResultKind.Failed, Failure: failure));

    public Task<ChangeResult> Change(Guid bookingId, BookingChange change) =>
        WriteAsync((db, services, attempt) => ChangeAsync(db, services, bookingId, change, attempt), failure => new ChangeResult(null, failure));

    public Task<WithdrawResult> Withdraw(string reason, string by) =>
        WriteAsync((db, services, attempt) => WithdrawAsync(db, services, reason, by, attempt), failure => new WithdrawResult(0, failure));

    /// <summary>
    /// Runs one command in a unit of work of its own. When the save finds the offer moved on by
    /// someone else, or the command finds its copy too old (it answers null), the grain reads the
    /// offer again and runs the command once more. Any failure leaves the copy to be read again,
    /// since the outcome of a failed commit may be unknown.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<BrokeringDbContext, IServiceProvider, int, Task<T?>> command, Func<GrainFailure, T> failed) where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await InScopeAsync((db, services) => command(db, services, attempt)) is { } answer)
                {
                    return answer;
                }
            }
            catch (DbUpdateConcurrencyException) when (attempt == 1)
            {
            }
            catch (Exception e) when (GrainFailure.Of(e) is { } failure)
            {
                _stale = true;
                return failed(failure);
            }
            catch
            {
                _stale = true;
                throw;
            }

            _stale = true;
            if (attempt == 2)
            {
                return failed(new GrainFailure(FailureKind.Concurrency, []));
            }
        }
    }

    /// <returns>The answer, or null to change again once after reading the offer afresh.</returns>
    private async Task<ChangeResult?> ChangeAsync(BrokeringDbContext db, IServiceProvider services, Guid bookingId, BookingChange change, int attempt)
    {
        await EnsureLoadedAsync(db, attempt > 1);
        if (_bookings.Find(b => b.Id == bookingId) is not { } booking || _offer is not { } offer)
        {
            // The API found the booking on this offer: a copy without it is older than the booking.
            return null;
        }

        db.Bookings.Attach(booking);
        var outbox = services.GetRequiredService<Outbox>();
        var now = time.GetUtcNow();
        Guid? concernId = null;
        switch (change.Kind)
        {
            case BookingChangeKind.Cancel:
                db.Offers.Attach(offer);
                booking.Cancel(change.Text!, change.By, now);
                if (offer.Status is OfferStatus.Open or OfferStatus.Full && offer.PortionsLeft < offer.Portions)
                {
                    offer.ReleasePortion();
                }

                await outbox.BookingCancelledAsync(booking, default);
                break;
            case BookingChangeKind.Delivered:
                booking.MarkDelivered(now);
                await outbox.FeedbackRequestAsync(booking, default);
                break;
            case BookingChangeKind.NoAnswer:
                booking.RecordNoAnswer(now);
                var concern = Concern.NoAnswerAtDoor(booking, change.By, now);
                db.Concerns.Add(concern);
                concernId = concern.Id;
                await outbox.NoAnswerAtDoorAsync(booking, default);
                break;
            case BookingChangeKind.Feedback:
                booking.GiveFeedback(new Feedback(change.Rating, change.Text, change.By, now));
                break;
        }

        await db.SaveChangesAsync();
        if (change.Kind == BookingChangeKind.Cancel)
        {
            open.Changed(offer.CouncilId);
        }

        return new(BookingResponse.From(booking, concernId), OfferCouncilId: offer.CouncilId);
    }

    private async Task<WithdrawResult?> WithdrawAsync(BrokeringDbContext db, IServiceProvider services, string reason, string by, int attempt)
    {
        await EnsureLoadedAsync(db, attempt > 1);
        if (_offer is not { } offer)
        {
            return new(0, new GrainFailure(FailureKind.Transition, ["meal offer", "gone", "withdrawn"]));
        }

        db.Offers.Attach(offer);
        offer.Withdraw();
        var outbox = services.GetRequiredService<Outbox>();
        var confirmed = _bookings.Where(b => b.Status == BookingStatus.Confirmed).ToList();
        foreach (var booking in confirmed)
        {
            db.Bookings.Attach(booking);
            booking.Cancel(reason, by, time.GetUtcNow());
            await outbox.BookingCancelledAsync(booking, default);
        }

        await db.SaveChangesAsync();
        open.Changed(offer.CouncilId);
        return new(confirmed.Count);
    }

    /// <returns>The answer, or null to decide again once after reading the offer afresh.</returns>
    private async Task<BookResult?> DecideAsync(BrokeringDbContext db, IServiceProvider services, BookCommand command, int attempt)
    {
        var caller = command.Caller;
        await EnsureLoadedAsync(db, attempt > 1);
        if (_offer is not { } offer)
        {
            return new(BookResultKind.NoSuchOffer);
        }

        if (command.IdempotencyKey is { } key && _bookings.Find(b => b.BookedBy == caller.UserId && b.IdempotencyKey == key) is { } earlier)
        {
            return earlier.DinerId == command.DinerId ? new(BookResultKind.Replayed, BookingResponse.From(earlier)) : new(BookResultKind.KeyReused);
        }

        if (!caller.CanSee(offer.CouncilId))
        {
            return new(BookResultKind.NoSuchOffer);
        }

        // A full offer is full for everyone: answered from memory, unless the copy is old enough that another writer may have given a portion back.
        if (offer.Status != OfferStatus.Open || offer.PortionsLeft == 0)
        {
            return attempt == 1 && Stopwatch.GetElapsedTime(_loadedAt) > RefusalCheckAge ? null : BookResult.Refused(BookingDesk.NoPortionsLeft(offer));
        }

        var side = await db.DinerSideAsync(offer, command.DinerId, default);
        if (side is null || !caller.CanSee(side.Diner.CouncilId))
        {
            return new(BookResultKind.NoSuchDiner);
        }

        if (side.CookVersion != _cook!.Version || side.CouncilVersion != _councilVersion || Stopwatch.GetElapsedTime(_partiesLoadedAt) > PartiesAge)
        {
            await LoadPartiesAsync(db, offer);
        }

        var alreadyBooked = _bookings.Exists(b => b.DinerId == side.Diner.Id && b.Status != BookingStatus.Cancelled);
        var facts = new BookingFacts(offer, _cook!, side.Diner, _policy!, side.CouncilsShare, side.Excluded, side.Pairing, alreadyBooked);
        var decision = BookingDesk.Decide(facts, command.Booker);
        if (decision.Refusal is { } refusal)
        {
            return BookResult.Refused(refusal);
        }

        var now = time.GetUtcNow();
        var booking = new Booking(offer, side.Diner.Id, side.Diner.CouncilId, decision.DistanceKm, caller.UserId, now, command.IdempotencyKey);
        if (command.ProposalId is { } proposalId)
        {
            var proposal = await db.Proposals.SingleAsync(p => p.Id == proposalId);
            if (proposal.Status != ProposalStatus.Proposed)
            {
                return new(BookResultKind.ProposalDecided);
            }

            proposal.Approve(booking.Id, caller.UserId, now);
        }

        db.Offers.Attach(offer);
        offer.TakePortion();
        var pairing = BookingConfirmation.Add(db, services.GetRequiredService<Outbox>(), booking, decision.Pairing,
            new BookingParties(offer, _cook!, _cookEmail, side.Diner, side.Contribution));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (Database.IsUniqueViolation(e))
        {
            // A racing writer outside this grain won a unique index: the same key, the diner's place on this offer, or the pair's first pairing.
            _stale = true;
            if (command.IdempotencyKey is { } sameKey
                && await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.BookedBy == caller.UserId && b.IdempotencyKey == sameKey) is { } winner)
            {
                return winner.OfferId == OfferId && winner.DinerId == command.DinerId
                    ? new(BookResultKind.Replayed, BookingResponse.From(winner))
                    : new(BookResultKind.KeyReused);
            }

            return attempt == 1 ? null : BookResult.Refused(BookingDesk.AlreadyBooked);
        }

        _bookings.Add(booking);
        _loadedAt = Stopwatch.GetTimestamp();
        open.Changed(offer.CouncilId);
        var held = pairing ?? side.Pairing;
        return new(BookResultKind.Booked, BookingResponse.From(booking), PairingId: held?.Id, PairingStatus: held?.Status ?? default, OfferCouncilId: offer.CouncilId);
    }

    /// <summary>
    /// A unit of work of its own for one command. Its saves of this offer are this grain's own, so
    /// they are not announced back to it; the pooled context forgets that when it goes back.
    /// </summary>
    private async Task<T> InScopeAsync<T>(Func<BrokeringDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokeringDbContext>();
        db.SavingForOffer = OfferId;
        try
        {
            return await work(db, scope.ServiceProvider);
        }
        finally
        {
            db.SavingForOffer = null;
        }
    }

    private async Task EnsureLoadedAsync(BrokeringDbContext db, bool again)
    {
        if (!_stale && !again && _offer is not null)
        {
            return;
        }

        var loaded = await OfferQueries.For(db)(db, OfferId, default);
        if (loaded is null)
        {
            // Not created yet, or gone: nothing is kept, and the next call reads again.
            (_offer, _bookings, _stale) = (null, [], true);
            return;
        }

        (_offer, _bookings) = (loaded.Offer, loaded.Bookings);
        if (_cook?.Id != _offer.CookId)
        {
            await LoadPartiesAsync(db, _offer);
        }

        _loadedAt = Stopwatch.GetTimestamp();
        _stale = false;
    }

    private async Task LoadPartiesAsync(BrokeringDbContext db, MealOffer offer)
    {
        var parties = await PartiesQueries.For(db)(db, offer.CookId, offer.CouncilId, default);
        (_cook, _cookEmail) = (parties.Cook, parties.CookEmail);
        (_policy, _councilVersion) = (parties.Council.Policy, parties.Council.Version);
        _partiesLoadedAt = Stopwatch.GetTimestamp();
    }

    private sealed record OfferCopy(MealOffer Offer, List<Booking> Bookings);

    private sealed record PartiesCopy(Cook Cook, string? CookEmail, Council Council);

    private static readonly Expression<Func<BrokeringDbContext, Guid, CancellationToken, OfferCopy?>> OfferQuery = (db, offerId, _) =>
        db.Offers.AsNoTracking().Where(o => o.Id == offerId)
            .Select(o => new OfferCopy(o, db.Bookings.Where(b => b.OfferId == o.Id).ToList())).SingleOrDefault();

    private static readonly CompiledPerModel<Func<BrokeringDbContext, Guid, CancellationToken, Task<OfferCopy?>>> OfferQueries =
        new(() => EF.CompileAsyncQuery(OfferQuery));

    /// <summary>The cook with their checks and e-mail, and the council, in one round trip.</summary>
    private static readonly Expression<Func<BrokeringDbContext, Guid, Guid, CancellationToken, PartiesCopy>> PartiesQuery = (db, cookId, councilId, _) =>
        (from cook in db.Cooks.AsNoTracking().Where(c => c.Id == cookId)
         from council in db.Councils.AsNoTracking().Where(x => x.Id == councilId)
         select new PartiesCopy(cook, db.Users.Where(u => u.Id == cook.UserId).Select(u => u.Email).FirstOrDefault(), council))
        .Single();

    private static readonly CompiledPerModel<Func<BrokeringDbContext, Guid, Guid, CancellationToken, Task<PartiesCopy>>> PartiesQueries =
        new(() => EF.CompileAsyncQuery(PartiesQuery));
}
