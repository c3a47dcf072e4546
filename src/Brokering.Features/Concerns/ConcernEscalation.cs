using Brokering.Domain.Concerns;
using Brokering.Features.Jobs;
using Brokering.Features.Notifications;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Brokering.Features.Concerns;

public sealed class ConcernEscalationOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an urgent concern may wait unacknowledged before every coordinator and admin is told.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// An urgent concern that no coordinator has acknowledged in time is escalated: every coordinator
/// of the council and every admin gets an urgent message, once. Safe on several workers: the
/// concern's concurrency token lets only one of them escalate it.
/// </summary>
public sealed partial class ConcernEscalation(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<ConcernEscalationOptions> options, ILogger<ConcernEscalation> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override string Doing => "Escalating unacknowledged urgent concerns";

    protected override Task<int> PassAsync(CancellationToken cancellationToken) => EscalateOverdueAsync(cancellationToken);

    protected override void LogChanged(int count) => LogEscalated(Logger, count);

    /// <returns>How many concerns were escalated.</returns>
    public async Task<int> EscalateOverdueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokeringDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var now = Time.GetUtcNow();
        var waiting = await db.Concerns
            .Where(c => c.Severity == ConcernSeverity.Urgent && c.Status == ConcernStatus.Open && c.EscalatedAt == null)
            .ToListAsync(cancellationToken);
        var overdue = waiting.Where(c => c.IsOverdue(now, options.Value.EscalateAfter)).ToList();
        foreach (var concern in overdue)
        {
            concern.Escalate(now);
            await outbox.ConcernEscalatedAsync(concern, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return overdue.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalated {Count} urgent concerns nobody acknowledged in time")]
    private static partial void LogEscalated(ILogger logger, int count);
}
