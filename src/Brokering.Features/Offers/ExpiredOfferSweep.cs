using Brokering.Domain;
using Brokering.Domain.Offers;
using Brokering.Features.Jobs;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Brokering.Features.Offers;

public sealed class SweepOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Closes offers whose delivery day has passed, so nobody can book yesterday's meal. Runs in the
/// worker process, or inside the API in the embedded default. Safe to run on several replicas at
/// once: the UPDATE only touches offers still open or full.
/// </summary>
public sealed partial class ExpiredOfferSweep(IServiceScopeFactory scopes, TimeProvider time, IOptions<SweepOptions> options, ILogger<ExpiredOfferSweep> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override string Doing => "Sweeping past offers";

    protected override Task<int> PassAsync(CancellationToken cancellationToken) => SweepOnceAsync(cancellationToken);

    protected override void LogChanged(int count) => LogClosed(Logger, count);

    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokeringDbContext>();
        var today = UkCalendar.DateOf(Time.GetUtcNow());
        return await db.Offers
            .Where(o => o.DeliveryDate < today && (o.Status == OfferStatus.Open || o.Status == OfferStatus.Full))
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.Status, OfferStatus.Closed)
                .SetProperty(o => o.Version, o => o.Version + 1), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} offers whose delivery day has passed")]
    private static partial void LogClosed(ILogger logger, int count);
}
