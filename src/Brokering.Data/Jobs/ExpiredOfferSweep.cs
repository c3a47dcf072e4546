using Brokering.Data.Notifications;
using Brokering.Domain;
using Brokering.Domain.Offers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Brokering.Data.Jobs;

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
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var closed = await SweepOnceAsync(stoppingToken);
                if (closed > 0)
                {
                    LogClosed(logger, closed);
                }
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogFailed(logger, e);
            }

            await Task.Delay(options.Value.Interval, time, stoppingToken);
        }
    }

    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokeringDbContext>();
        var today = UkCalendar.DateOf(time.GetUtcNow());
        return await db.Offers
            .Where(o => o.DeliveryDate < today && (o.Status == OfferStatus.Open || o.Status == OfferStatus.Full))
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.Status, OfferStatus.Closed)
                .SetProperty(o => o.Version, o => o.Version + 1), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} offers whose delivery day has passed")]
    private static partial void LogClosed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping past offers failed; will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

public static class JobRegistration
{
    public static IServiceCollection AddBrokeringJobs(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.Configure<SweepOptions>(configuration.GetSection("Brokering:Jobs:OfferSweep"));
        services.Configure<MatchingScheduleOptions>(configuration.GetSection("Brokering:Jobs:Matching"));
        services.AddHostedService<ExpiredOfferSweep>();
        services.AddSingleton<ScheduledMatching>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduledMatching>());
        services.AddNotificationDispatch(configuration);
        return services;
    }
}
