using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Jobs;

/// <summary>
/// A background job that makes one pass every <see cref="Interval"/>. A pass that fails on the
/// database is logged and tried again at the next interval, so one outage does not stop the job.
/// Passes must be safe to run on several workers at once.
/// </summary>
public abstract partial class PeriodicJob(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

    protected abstract TimeSpan Interval { get; }

    /// <summary>What the job does, for the log: "Sweeping past offers".</summary>
    protected abstract string Doing { get; }

    /// <returns>How many records the pass changed.</returns>
    protected abstract Task<int> PassAsync(CancellationToken cancellationToken);

    /// <summary>Logs a pass that changed something, in the job's own words.</summary>
    protected abstract void LogChanged(int count);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var changed = await PassAsync(stoppingToken);
                if (changed > 0)
                {
                    LogChanged(changed);
                }
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogFailed(Logger, Doing, e);
            }

            await Task.Delay(Interval, Time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Doing} failed; will try again")]
    private static partial void LogFailed(ILogger logger, string doing, Exception exception);
}
