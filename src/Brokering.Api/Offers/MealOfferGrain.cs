using System.Diagnostics;
using Brokering.Api.Bookings;
using Brokering.Data;
using Brokering.Data.Notifications;
using Brokering.Domain.Bookings;
using Brokering.Domain.Cooks;
using Brokering.Domain.Councils;
using Brokering.Domain.Offers;
using Brokering.Domain.Proposals;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Offers;

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
    /// <summary>How old a copy may be before a refusal made from memory alone ("no portions left") is checked against the database.</summary>
    private static readonly TimeSpan RefusalCheckAge = TimeSpan.FromSeconds(2);

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

    public Task Forget()
    {
        _stale = true;
        return Task.CompletedTask;
    }

    public async Task<BookResult> Book(BookCommand command)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await InScopeAsync((db, services) => DecideAsync(db, services, command, attempt)) is { } answer)
                {
                    return answer;
                }
            }
            catch (Exception e) when (GrainFailure.Of(e) is { } failure)
            {
                _stale = true;
                return new(BookResultKind.Failed, Failure: failure);
            }

            if (attempt == 2)
            {
                return new(BookResultKind.Failed, Failure: new GrainFailure(FailureKind.Concurrency, []));
            }
        }
    }

    public async Task<ChangeResult> Cancel(Guid bookingId, string reason, string by)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await InScopeAsync((db, services) => CancelAsync(db, services, bookingId, reason, by, attempt)) is { } answer)
                {
                    return answer;
                }
            }
            catch (DbUpdateConcurrencyException) when (attempt == 1)
            {
                _stale = true;
            }
            catch (Exception e) when (GrainFailure.Of(e) is { } failure)
            {
                _stale = true;
                return new(null, failure);
            }
            catch
            {
                _stale = true;
                throw;
            }
        }
    }

    /// <returns>The answer, or null to cancel again once after reading the offer afresh.</returns>
    private async Task<ChangeResult?> CancelAsync(BrokeringDbContext db, IServiceProvider services, Guid bookingId, string reason, string by, int attempt)
    {
        await EnsureLoadedAsync(db, attempt > 1);
        if (_bookings.Find(b => b.Id == bookingId) is not { } booking || _offer is not { } offer)
        {
            // The API found the booking on this offer: a copy without it is older than the booking.
            _stale = true;
            return attempt == 1 ? null : new(null, new GrainFailure(FailureKind.Concurrency, []));
        }

        db.Offers.Attach(offer);
        db.Bookings.Attach(booking);
        booking.Cancel(reason, by, time.GetUtcNow());
        if (offer.Status is OfferStatus.Open or OfferStatus.Full && offer.PortionsLeft < offer.Portions)
        {
            offer.ReleasePortion();
        }

        await services.GetRequiredService<Outbox>().BookingCancelledAsync(booking, default);
        await db.SaveChangesAsync();
        open.Changed(offer.CouncilId);
        return new(BookingResponse.From(booking), OfferCouncilId: offer.CouncilId);
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
            return attempt == 1 && Stopwatch.GetElapsedTime(_loadedAt) > RefusalCheckAge ? await AgainAsync() : BookResult.Refused(BookingDesk.NoPortionsLeft(offer));
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
        catch (DbUpdateConcurrencyException) when (attempt == 1)
        {
            // Someone else moved the offer (or decided the proposal) since this copy was read.
            return await AgainAsync();
        }
        catch (DbUpdateException e) when (Database.IsUniqueViolation(e))
        {
            // A racing writer outside this grain won a unique index: the same key, the diner's place on this offer, or the pair's first pairing.
            _stale = true;
            if (command.IdempotencyKey is { } sameKey && await EarlierAsync(caller.UserId, sameKey) is { } winner)
            {
                return winner.OfferId == OfferId && winner.DinerId == command.DinerId
                    ? new(BookResultKind.Replayed, BookingResponse.From(winner))
                    : new(BookResultKind.KeyReused);
            }

            return attempt == 1 ? null : BookResult.Refused(BookingDesk.AlreadyBooked);
        }
        catch
        {
            _stale = true;
            throw;
        }

        _bookings.Add(booking);
        _loadedAt = Stopwatch.GetTimestamp();
        open.Changed(offer.CouncilId);
        var held = pairing ?? side.Pairing;
        return new(BookResultKind.Booked, BookingResponse.From(booking), PairingId: held?.Id, PairingStatus: held?.Status ?? default, OfferCouncilId: offer.CouncilId);

        Task<BookResult?> AgainAsync()
        {
            _stale = true;
            return Task.FromResult<BookResult?>(null);
        }
    }

    private Task<Booking?> EarlierAsync(string userId, string key) =>
        InScopeAsync((db, _) => db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.BookedBy == userId && b.IdempotencyKey == key));

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

        _offer = await db.Offers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == OfferId);
        if (_offer is null)
        {
            // Not created yet, or gone: nothing is kept, and the next call reads again.
            _stale = true;
            _bookings = [];
            return;
        }

        _bookings = await db.Bookings.AsNoTracking().Where(b => b.OfferId == OfferId).ToListAsync();
        if (_cook?.Id != _offer.CookId)
        {
            await LoadPartiesAsync(db, _offer);
        }

        _loadedAt = Stopwatch.GetTimestamp();
        _stale = false;
    }

    private async Task LoadPartiesAsync(BrokeringDbContext db, MealOffer offer)
    {
        _cook = await db.Cooks.AsNoTracking().SingleAsync(c => c.Id == offer.CookId);
        var userId = _cook.UserId;
        _cookEmail = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync();
        var council = await db.Councils.AsNoTracking().SingleAsync(c => c.Id == offer.CouncilId);
        (_policy, _councilVersion) = (council.Policy, council.Version);
        _partiesLoadedAt = Stopwatch.GetTimestamp();
    }
}
