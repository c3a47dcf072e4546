using Brokering.Domain.Pairings;
using Brokering.Features.Jobs;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.RegularMeals;

/// <summary>
/// Once the process has started, makes sure every live regular meal has its reminder. On the
/// embedded default reminders live in memory and are gone after a restart; on PostgreSQL they are
/// kept, and this finds missing only those of regular meals agreed before reminders planned them.
/// </summary>
public sealed partial class RegularMealReminders(IGrainFactory grains, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<RegularMealReminders> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WhenStartedAsync(stoppingToken);
        List<Guid> live;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BrokeringDbContext>();
            live = await db.RegularMeals.Where(r => r.Status != RegularMealStatus.Ended).Select(r => r.Id).ToListAsync(stoppingToken);
        }

        var failed = 0;
        await Parallel.ForEachAsync(live, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = stoppingToken }, async (id, _) =>
        {
            try
            {
                await grains.GetGrain<IRegularMealGrain>(id).KeepPlanning();
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // Another process's start, or this one's next, registers it.
                Interlocked.Increment(ref failed);
                LogNotRegistered(logger, e);
            }
        });
        LogRegistered(logger, live.Count - failed, live.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Regular meals planned by reminders: {Registered} of {Live}")]
    private static partial void LogRegistered(ILogger logger, int registered, int live);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A regular meal's reminder could not be registered")]
    private static partial void LogNotRegistered(ILogger logger, Exception failure);
}
