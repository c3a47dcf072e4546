using Brokering.Domain.Notifications;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Notifications;

/// <summary>
/// Erases the address and the words of every message older than its council's retention period
/// (UK GDPR storage limitation), once it has been sent, called, cancelled or parked. What stays is
/// the record that a message of a kind went to a person by a channel, for statistics and audit.
/// Safe on several workers at once: erasing twice erases nothing more.
/// </summary>
public sealed partial class MessageRetention(IServiceScopeFactory scopes, TimeProvider time, ILogger<MessageRetention> logger)
    : Jobs.PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(6);

    protected override string Doing => "Erasing old messages";

    protected override Task<int> PassAsync(CancellationToken cancellationToken) => EraseExpiredAsync(cancellationToken);

    protected override void LogChanged(int count) => LogErased(Logger, count);

    /// <returns>How many messages were erased.</returns>
    public async Task<int> EraseExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokeringDbContext>();
        var now = Time.GetUtcNow();
        var councils = await db.Councils.AsNoTracking().Select(c => new { c.Id, c.MessageRetentionDays }).ToListAsync(cancellationToken);
        var erased = 0;
        foreach (var council in councils)
        {
            erased += await db.Database.ExecuteSqlRawAsync(
                """
                UPDATE "Notifications" SET "Destination" = NULL, "Fields" = '{{}}', "ErasedAt" = {0}
                WHERE "CouncilId" = {1} AND "ErasedAt" IS NULL AND "CreatedAt" < {2} AND "Status" IN ({3}, {4}, {5}, {6})
                """,
                [now, council.Id, now.AddDays(-council.MessageRetentionDays),
                    nameof(NotificationStatus.Sent), nameof(NotificationStatus.Called), nameof(NotificationStatus.Cancelled), nameof(NotificationStatus.Failed)],
                cancellationToken);
        }

        return erased;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased the text and address of {Count} messages past their council's retention")]
    private static partial void LogErased(ILogger logger, int count);
}
