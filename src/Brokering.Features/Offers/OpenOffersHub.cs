using Brokering.Features.Jobs;
using Orleans.Concurrency;
using Orleans.Utilities;

namespace Brokering.Features.Offers;

/// <summary>An API process's "offers near me" snapshots, told that a council's open offers changed somewhere.</summary>
public interface IOpenOffersObserver : IGrainObserver
{
    /// <param name="councilId">The council whose offers changed.</param>
    /// <param name="by">The process it changed in, which has already read its own snapshot again.</param>
    [OneWay]
    Task Changed(Guid councilId, Guid by);
}

/// <summary>
/// Carries "this council's open offers changed" (a booking, a cancellation, a new or withdrawn
/// offer) from the process where it happened to every API process, so their snapshots are read
/// again within milliseconds instead of when they age out. Nobody waits for it: a message lost
/// with a silo leaves the snapshot's age (<see cref="OfferOptions.NearbySnapshotAge"/>) as the net.
/// </summary>
[Alias("Brokering.IOpenOffersHub")]
public interface IOpenOffersHub : IGrainWithIntegerKey
{
    /// <summary>Adds or renews a process's subscription, which lapses after <see cref="OpenOffersHub.SubscriptionLife"/>.</summary>
    [Alias("Subscribe")]
    Task Subscribe(IOpenOffersObserver observer);

    [Alias("Changed")]
    [OneWay]
    Task Changed(Guid councilId, Guid by);
}

/// <summary>One activation for the cluster; each API process subscribes and renews, so a hub that moved to another silo hears from them all again within a renewal.</summary>
public sealed class OpenOffersHub(ILogger<OpenOffersHub> logger) : Grain, IOpenOffersHub
{
    public static readonly TimeSpan SubscriptionLife = TimeSpan.FromMinutes(1);

    private readonly ObserverManager<IOpenOffersObserver> _observers = new(SubscriptionLife, logger);

    public Task Subscribe(IOpenOffersObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Changed(Guid councilId, Guid by) => _observers.Notify(o => o.Changed(councilId, by));
}

/// <summary>Subscribes this process's snapshots to the hub once the process (its silo included) has started, and renews the subscription well inside its life.</summary>
public sealed partial class OpenOffersSubscription(IGrainFactory grains, OpenOffers open, IHostApplicationLifetime lifetime, ILogger<OpenOffersSubscription> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WhenStartedAsync(stoppingToken);
        IOpenOffersObserver? reference = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = OpenOffersHub.SubscriptionLife / 3;
            try
            {
                reference ??= grains.CreateObjectReference<IOpenOffersObserver>(open);
                await grains.GetGrain<IOpenOffersHub>(0).Subscribe(reference).WaitAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // The silo is starting, or the hub's is gone: try again soon; meanwhile snapshots age out as before.
                LogNotSubscribed(logger, e);
                wait = TimeSpan.FromSeconds(1);
            }

            await Task.Delay(wait, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Not subscribed to offer changes yet")]
    private static partial void LogNotSubscribed(ILogger logger, Exception failure);
}
