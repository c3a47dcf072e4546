using System.Collections.Concurrent;
using System.Diagnostics;
using Brokering.Domain.Offers;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Offers;

public sealed class OfferOptions
{
    /// <summary>How old a council's snapshot of open offers may be before "offers near me" reads it again; zero reads the database every time.</summary>
    public TimeSpan NearbySnapshotAge { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Each council's open offers, read from the database at most once per <see cref="OfferOptions.NearbySnapshotAge"/>
/// by each API process and shared by the "offers near me" reads meanwhile, which are most of the
/// traffic. Booking always goes through the offer's grain and the database, so a snapshot a
/// second old can show a portion just taken but can never book it. Offers made or booked through
/// this process refresh its snapshot at once, and every other API process's within milliseconds,
/// through <see cref="IOpenOffersHub"/>.
/// </summary>
public sealed partial class OpenOffers(IServiceScopeFactory scopes, IGrainFactory grains, Microsoft.Extensions.Options.IOptions<OfferOptions> options, ILogger<OpenOffers> logger)
    : IOpenOffersObserver
{
    private sealed record Snapshot(long TakenAt, DateOnly Since, IReadOnlyList<MealOffer> Offers);

    private readonly ConcurrentDictionary<Guid, Lazy<Task<Snapshot>>> _snapshots = new();
    private readonly ConcurrentDictionary<Guid, bool> _refreshing = new();

    /// <summary>The councils whose news is being gathered to go out.</summary>
    private readonly ConcurrentDictionary<Guid, bool> _telling = new();

    /// <summary>This process, as the news it sends names it.</summary>
    private readonly Guid _process = Guid.NewGuid();

    /// <summary>The council's open offers for <paramref name="today"/> and later, as of at most the snapshot age ago.</summary>
    public async Task<IReadOnlyList<MealOffer>> ForCouncilAsync(Guid councilId, DateOnly today, CancellationToken cancellationToken)
    {
        var maxAge = options.Value.NearbySnapshotAge;
        if (maxAge <= TimeSpan.Zero)
        {
            return (await LoadAsync(councilId, today)).Offers;
        }

        var current = _snapshots.GetOrAdd(councilId, id => new(() => LoadAsync(id, today)));
        var snapshot = await TakeAsync(councilId, current);
        var age = Stopwatch.GetElapsedTime(snapshot.TakenAt);
        if (age <= maxAge && snapshot.Since == today)
        {
            if (age > maxAge / 2)
            {
                RefreshBeforeItAges(councilId, current, today);
            }

            return snapshot.Offers;
        }

        // One request reloads; the others that found it stale wait for the same load.
        var fresh = new Lazy<Task<Snapshot>>(() => LoadAsync(councilId, today));
        return (await TakeAsync(councilId, _snapshots.TryUpdate(councilId, fresh, current) ? fresh : _snapshots.GetOrAdd(councilId, fresh))).Offers;
    }

    /// <summary>
    /// Past half its age, a snapshot is read again in the background while it still serves, so
    /// under steady traffic no request waits for the database: the one that would otherwise find
    /// it too old, and every request arriving during that read, would. A change through this
    /// process meanwhile (<see cref="Changed"/>) wins over the background read.
    /// </summary>
    private void RefreshBeforeItAges(Guid councilId, Lazy<Task<Snapshot>> current, DateOnly today)
    {
        if (!_refreshing.TryAdd(councilId, true))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                var fresh = await LoadAsync(councilId, today);
                _snapshots.TryUpdate(councilId, new Lazy<Task<Snapshot>>(Task.FromResult(fresh)), current);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Nothing changes: a read that finds the snapshot too old loads it itself, and meets the failure there.
            }
            finally
            {
                _refreshing.TryRemove(councilId, out _);
            }
        });
    }

    /// <summary>
    /// How long changes to one council's offers are gathered into one message to the other
    /// processes: in a rush of bookings, one message per council every 20 ms instead of one per booking.
    /// </summary>
    public static readonly TimeSpan NewsGathering = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The council's offers changed through this process: its next read here goes to the
    /// database, and every other process is told within <see cref="NewsGathering"/> and a message.
    /// </summary>
    public void Changed(Guid councilId)
    {
        Forget(councilId);
        if (_telling.TryAdd(councilId, true))
        {
            // On the thread pool, not in the calling grain's turn.
            _ = Task.Run(() => TellOthersAsync(councilId));
        }
    }

    private async Task TellOthersAsync(Guid councilId)
    {
        await Task.Delay(NewsGathering);
        // Taken off before the message goes: a change from now on sends one of its own.
        _telling.TryRemove(councilId, out _);
        try
        {
            await grains.GetGrain<IOpenOffersHub>(0).Changed(councilId, _process);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // No silo to tell (starting or stopping): the other processes' snapshots age out instead.
            LogNotTold(logger, e);
        }
    }

    /// <summary>
    /// The council's offers changed through an offer's grain, which has told every process: this
    /// process, which asked the grain, reads them again at once too (the grain may live in another),
    /// so whoever just booked or withdrew sees it in their next answer here.
    /// </summary>
    public void Forget(Guid councilId) => _snapshots.TryRemove(councilId, out _);

    /// <summary>Another process changed the council's offers: the next read here goes to the database. This process's own news, coming back, is old.</summary>
    Task IOpenOffersObserver.Changed(Guid councilId, Guid by)
    {
        if (by != _process)
        {
            Forget(councilId);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Other processes not told of an offer change")]
    private static partial void LogNotTold(ILogger logger, Exception failure);

    private async Task<Snapshot> TakeAsync(Guid councilId, Lazy<Task<Snapshot>> entry)
    {
        try
        {
            return await entry.Value;
        }
        catch
        {
            // A failed read is not kept: the next request tries the database again.
            _snapshots.TryRemove(KeyValuePair.Create(councilId, entry));
            throw;
        }
    }

    private async Task<Snapshot> LoadAsync(Guid councilId, DateOnly today)
    {
        var takenAt = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokeringDbContext>();
        var offers = await db.Offers.AsNoTracking()
            .Where(o => o.CouncilId == councilId && o.Status == OfferStatus.Open && o.DeliveryDate >= today)
            .ToListAsync();
        return new Snapshot(takenAt, today, offers);
    }
}
