using Brokering.Domain;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Brokering.Features.Matching;

public sealed class MatchingScheduleOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>When, on UK clocks, the daily rounds run.</summary>
    public TimeOnly At { get; set; } = new(6, 0);

    /// <summary>Which delivery day the rounds are for: 1 gives coordinators a day to approve proposals.</summary>
    public int DaysAhead { get; set; } = 1;
}

/// <summary>
/// Runs a matching round per council every day at a configured UK time. Several workers may wake
/// together: a unique index lets exactly one save each council's scheduled round for the day.
/// </summary>
public sealed partial class ScheduledMatching(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<MatchingScheduleOptions> options, ILogger<ScheduledMatching> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            await Task.Delay(UkCalendar.Next(options.Value.At, now) - now, time, stoppingToken);
            await RunRoundsAsync(stoppingToken);
        }
    }

    /// <returns>How many councils got a new round; those already done for the day are skipped.</returns>
    public async Task<int> RunRoundsAsync(CancellationToken cancellationToken)
    {
        var day = UkCalendar.DateOf(time.GetUtcNow()).AddDays(options.Value.DaysAhead);
        List<Guid> councils;
        await using (var scope = scopes.CreateAsyncScope())
        {
            councils = await scope.ServiceProvider.GetRequiredService<BrokeringDbContext>().Councils
                .Select(c => c.Id).ToListAsync(cancellationToken);
        }

        var ran = 0;
        foreach (var council in councils)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var rounds = scope.ServiceProvider.GetRequiredService<MatchingRounds>();
                if (await rounds.RunScheduledAsync(council, day, cancellationToken) is { } saved)
                {
                    ran++;
                    LogRound(logger, council, day, saved.Proposals.Count, saved.Run.Unmatched.Count);
                }
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogFailed(logger, council, e);
            }
        }

        return ran;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Matching round for council {Council} on {Day}: {Proposals} proposals, {Unmatched} unmatched")]
    private static partial void LogRound(ILogger logger, Guid council, DateOnly day, int proposals, int unmatched);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Matching round for council {Council} failed; the next schedule will try again")]
    private static partial void LogFailed(ILogger logger, Guid council, Exception exception);
}
