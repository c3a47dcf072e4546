

namespace Brokering.Features.Offers;

/// <summary>
/// Tells each changed offer's grain, wherever in the cluster it lives, to read the offer again.
/// Waited for, so the answer to the request that made the change follows the telling; a silo that
/// does not answer costs a warning, since the grain's version check still refuses a stale write.
/// </summary>
public sealed partial class GrainOfferCopies(IGrainFactory grains, ILogger<GrainOfferCopies> logger) : IOfferCopies
{
    public async Task ChangedAsync(IReadOnlyCollection<Guid> offerIds, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(offerIds.Select(id => grains.GetGrain<IMealOfferGrain>(id).Forget()));
        }
        catch (Exception e)
        {
            CouldNotTell(logger, offerIds.Count, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the grains of {Count} changed offers; each reads its offer again when its next write is refused")]
    private static partial void CouldNotTell(ILogger logger, int count, Exception exception);
}
