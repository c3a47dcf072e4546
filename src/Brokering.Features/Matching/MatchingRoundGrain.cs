using System.Globalization;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;

namespace Brokering.Features.Matching;

/// <summary>
/// One council's matching rounds for one delivery day, one at a time in the whole cluster: a round
/// supersedes the day's undecided proposals and saves its own, and two rounds saving at once could
/// each supersede before the other's proposals were there, leaving two live sets.
/// </summary>
[Alias("Brokering.IMatchingRoundGrain")]
public interface IMatchingRoundGrain : IGrainWithStringKey
{
    /// <summary>A coordinator's round, after any round for the council and day already under way.</summary>
    [Alias("Run")]
    Task<RoundResult> Run(string startedBy);

    /// <summary>The day's scheduled round, unless one was saved already: then no run.</summary>
    [Alias("RunScheduled")]
    Task<RoundResult> RunScheduled();
}

/// <summary>The saved run's id (none when the day's scheduled round was there already), or why nothing was saved.</summary>
[GenerateSerializer, Immutable, Alias("Brokering.RoundResult")]
public sealed record RoundResult(Guid? RunId, GrainFailure? Failure = null);

public static class MatchingRound
{
    /// <summary>The grain of <paramref name="councilId"/>'s rounds for <paramref name="deliveryDate"/>.</summary>
    public static IMatchingRoundGrain For(IGrainFactory grains, Guid councilId, DateOnly deliveryDate) =>
        grains.GetGrain<IMatchingRoundGrain>(string.Create(CultureInfo.InvariantCulture, $"{councilId:N}/{deliveryDate:yyyy-MM-dd}"));
}

/// <summary>
/// Runs <see cref="MatchingRounds"/> for its council and day. Orleans runs one call of a grain at
/// a time, and keeps one activation per key in the cluster, so rounds asked for through different
/// API processes queue here. While the cluster changes Orleans may briefly allow a second
/// activation; the unique index on the day's scheduled run stays as the backstop for that.
/// </summary>
public sealed class MatchingRoundGrain(IServiceScopeFactory scopes) : Grain, IMatchingRoundGrain
{
    private bool _scheduledSaved;

    public Task<RoundResult> Run(string startedBy) => InScopeAsync(async rounds =>
    {
        var (councilId, deliveryDate) = Key();
        return (await rounds.RunAsync(councilId, deliveryDate, startedBy, default)).Run.Id;
    });

    public async Task<RoundResult> RunScheduled()
    {
        if (_scheduledSaved)
        {
            return new(null);
        }

        var result = await InScopeAsync(async rounds =>
        {
            var (councilId, deliveryDate) = Key();
            return (await rounds.RunScheduledAsync(councilId, deliveryDate, default))?.Run.Id;
        });
        _scheduledSaved = result.Failure is null;
        return result;
    }

    private async Task<RoundResult> InScopeAsync(Func<MatchingRounds, Task<Guid?>> round)
    {
        Guid? runId = null;
        var failure = await GrainWrites.InScopeAsync(scopes, async (_, services) => runId = await round(services.GetRequiredService<MatchingRounds>()));
        return new(runId, failure);
    }

    private (Guid CouncilId, DateOnly DeliveryDate) Key()
    {
        var key = this.GetPrimaryKeyString().Split('/');
        return (Guid.ParseExact(key[0], "N"), DateOnly.ParseExact(key[1], "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
