using Brokering.Domain.Pairings;
using Brokering.Features.Jobs;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Brokering.Features.RegularMeals;

/// <summary>
/// Plans every live regular meal a week ahead (see <see cref="RegularMealPlanner"/>), one regular meal per
/// transaction. Two workers planning the same regular meal at once cannot both save: the regular meal's version
/// and the unique date of each occurrence let one win, and the other's pass skips it.
/// </summary>
public sealed partial class RegularMealPlanning(IServiceScopeFactory scopes, TimeProvider time, IOptions<RegularMealOptions> options, ILogger<RegularMealPlanning> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override string Doing => "Planning regular meals";

    protected override Task<int> PassAsync(CancellationToken cancellationToken) => PlanOnceAsync(cancellationToken);

    protected override void LogChanged(int count) => LogPlanned(Logger, count);

    /// <returns>How many regular meals changed.</returns>
    public async Task<int> PlanOnceAsync(CancellationToken cancellationToken)
    {
        List<Guid> live;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BrokeringDbContext>();
            live = await db.RegularMeals.Where(r => r.Status != RegularMealStatus.Ended).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        }

        var changed = 0;
        foreach (var id in live)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BrokeringDbContext>();
            var regularMeal = await db.RegularMeals.SingleAsync(r => r.Id == id, cancellationToken);
            await scope.ServiceProvider.GetRequiredService<RegularMealPlanner>().PlanAsync(regularMeal, cancellationToken);
            if (!db.ChangeTracker.HasChanges())
            {
                continue;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                changed++;
            }
            catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || Database.IsUniqueViolation(e))
            {
                LogRaced(Logger);
            }
        }

        return changed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Planned {Count} regular meals")]
    private static partial void LogPlanned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Another worker planned a regular meal first")]
    private static partial void LogRaced(ILogger logger);
}
