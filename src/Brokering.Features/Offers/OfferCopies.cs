using System.Data.Common;
using Brokering.Domain.Bookings;
using Brokering.Domain.Offers;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Brokering.Features.Offers;

/// <summary>
/// Whoever keeps an offer and its bookings in memory (the API's offer grains), told when a writer
/// that is not that holder changed them, so the next booking reads them again instead of refusing
/// from a stale copy. The database's version check still refuses a stale write: this spares a wrong refusal.
/// </summary>
public interface IOfferCopies
{
    /// <summary>Called once the change has committed; must not throw, since the change itself has succeeded.</summary>
    Task ChangedAsync(IReadOnlyCollection<Guid> offerIds, CancellationToken cancellationToken);
}

/// <summary>Where nothing keeps offers in memory (the worker).</summary>
public sealed class NoOfferCopies : IOfferCopies
{
    public Task ChangedAsync(IReadOnlyCollection<Guid> offerIds, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Collects the offers a save changed (the offer itself, or one of its bookings) and tells
/// <see cref="IOfferCopies"/> when the transaction that holds it commits: the save's own, or the
/// caller's explicit one. A rolled-back change tells nobody.
/// </summary>
public sealed class AnnounceOfferChanges(IOfferCopies copies) : IDbTransactionInterceptor, ISaveChangesInterceptor
{
    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        SavingChanges(eventData, result);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is BrokeringDbContext db)
        {
            if (db.Database.CurrentTransaction is null)
            {
                // A save in its own transaction is the whole unit: what a failed save left behind was never written.
                db.OffersChanged.Clear();
            }

            // A new offer has no copy anywhere yet (a grain that looked for it before it existed holds nothing), nor have its bookings.
            var added = db.ChangeTracker.Entries<MealOffer>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Id).ToHashSet();
            foreach (var entry in db.ChangeTracker.Entries())
            {
                if (entry.State is EntityState.Unchanged or EntityState.Detached)
                {
                    continue;
                }

                var offerId = entry.Entity switch
                {
                    MealOffer offer => offer.Id,
                    Booking booking => booking.OfferId,
                    _ => Guid.Empty,
                };
                if (offerId != Guid.Empty && offerId != db.SavingForOffer && !added.Contains(offerId))
                {
                    db.OffersChanged.Add(offerId);
                }
            }
        }

        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is BrokeringDbContext { Database.CurrentTransaction: null } db)
        {
            await TellAsync(db, cancellationToken);
        }

        return result;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is BrokeringDbContext db)
        {
            await TellAsync(db, cancellationToken);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    private static void Forget(DbContext? context)
    {
        if (context is BrokeringDbContext db)
        {
            db.OffersChanged.Clear();
        }
    }

    private async Task TellAsync(BrokeringDbContext db, CancellationToken cancellationToken)
    {
        if (db.OffersChanged.Count == 0)
        {
            return;
        }

        Guid[] changed = [.. db.OffersChanged];
        db.OffersChanged.Clear();
        await copies.ChangedAsync(changed, cancellationToken);
    }
}
