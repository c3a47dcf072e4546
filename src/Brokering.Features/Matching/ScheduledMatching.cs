using Brokering.Domain;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Brokering.Features.Matching;

/// <summary><c>Brokering:Jobs:Matching</c>: when the daily rounds run.</summary>
public sealed class MatchingScheduleOptions
{
    public const string Section = "Brokering:Jobs:Matching";

    public bool Enabled { get; set; } = true;

    /// <summary>When, on UK clocks, the daily rounds run.</summary>
    public TimeOnly At { get; set; } = new(6, 0);

    /// <summary>Which delivery day the rounds are for: 1 gives coordinators a day to approve proposals.</summary>
    public int DaysAhead { get; set; } = 1;
}

/// <summary>
/// Runs a matching round per council every day at a configured UK time, in every API process: each
/// council's round for the day is one grain in the cluster (<see cref="MatchingRoundGrain"/>), so
/// the first process to ask runs it and the others find it saved.
/// </summary>
public sealed partial class ScheduledMatching(
    IGrainFactory grains, IServiceScopeFactory scopes, TimeProvider time, IOptions<MatchingScheduleOptions> options, ILogger<ScheduledMatching> logger)
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

    /// <returns>How many councils got a new round from this call; those already done for the day are skipped.</returns>
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
                var result = await MatchingRound.For(grains, council, day).RunScheduled().WaitAsync(cancellationToken);
                if (result.RunId is not null)
                {
                    ran++;
                    LogRound(logger, council, day);
                }
                else if (result.Failure is { } failure)
                {
                    LogFailed(logger, council, failure.Kind);
                }
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                LogUnreachable(logger, council, e);
            }
        }

        return ran;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled matching round for council {Council} on {Day} saved")]
    private static partial void LogRound(ILogger logger, Guid council, DateOnly day);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Matching round for council {Council} failed ({Failure}); the next schedule will try again")]
    private static partial void LogFailed(ILogger logger, Guid council, FailureKind failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Matching round for council {Council} could not be reached; the next schedule will try again")]
    private static partial void LogUnreachable(ILogger logger, Guid council, Exception exception);
}
