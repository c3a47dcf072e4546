using Brokering.Domain;
using Brokering.Domain.Bookings;
using Brokering.Domain.Cooks;
using Brokering.Features.Jobs;
using Brokering.Features.Notifications;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Brokering.Features.Cooks;

public sealed class CheckExpiryOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Safeguarding checks lapse. Once a day's worth of passes: a cook who will lack a required check
/// within <see cref="WarnDaysAhead"/> days is warned, with their coordinators, once per expiry;
/// and every upcoming confirmed booking whose cook will not be matchable on its day (a check
/// lapsed, a suspension) is flagged for a coordinator to review before the meal. Matching itself
/// already judges checks on the delivery day. Safe on several workers: the warning's key and
/// each booking's concurrency token stop a second writer.
/// </summary>
public sealed partial class CheckExpirySweep(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<CheckExpiryOptions> options, ILogger<CheckExpirySweep> logger)
    : PeriodicJob(time, logger)
{
    public const int WarnDaysAhead = 30;

    protected override TimeSpan Interval => options.Value.Interval;

    protected override string Doing => "Looking for lapsing checks";

    protected override Task<int> PassAsync(CancellationToken cancellationToken) => SweepOnceAsync(cancellationToken);

    protected override void LogChanged(int count) => LogSwept(Logger, count);

    /// <returns>How many warnings were written and bookings flagged.</returns>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokeringDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var today = UkCalendar.DateOf(Time.GetUtcNow());
        var policies = await db.Councils.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Policy, cancellationToken);

        var warned = await WarnAsync(db, outbox, policies, today, cancellationToken);
        var flagged = await FlagAsync(db, policies, today, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return warned + flagged;
    }

    private static async Task<int> WarnAsync(BrokeringDbContext db, Outbox outbox, Dictionary<Guid, Domain.Councils.CouncilPolicy> policies,
        DateOnly today, CancellationToken cancellationToken)
    {
        var horizon = today.AddDays(WarnDaysAhead);
        var cooks = await db.Cooks.AsNoTracking()
            .Where(c => c.Status == CookStatus.Approved && c.Checks.Any(k => k.ExpiresOn != null && k.ExpiresOn <= horizon))
            .ToListAsync(cancellationToken);
        var warned = 0;
        foreach (var cook in cooks)
        {
            var policy = policies[cook.CouncilId];
            foreach (var kind in cook.MissingChecks(policy, horizon).Except(cook.MissingChecks(policy, today)))
            {
                var expires = cook.Checks.Where(c => c.Satisfies(kind) && c.IsValidOn(today)).Max(c => c.ExpiresOn!.Value);
                if (await db.CheckExpiryWarnings.AnyAsync(w => w.CookId == cook.Id && w.Kind == kind && w.ExpiresOn == expires, cancellationToken))
                {
                    continue;
                }

                db.CheckExpiryWarnings.Add(new CheckExpiryWarning(cook.Id, kind, expires));
                await outbox.CheckExpiringAsync(cook, kind, expires, cancellationToken);
                warned++;
            }
        }

        return warned;
    }

    private static async Task<int> FlagAsync(BrokeringDbContext db, Dictionary<Guid, Domain.Councils.CouncilPolicy> policies,
        DateOnly today, CancellationToken cancellationToken)
    {
        var upcoming = await (from b in db.Bookings
                              join o in db.Offers on b.OfferId equals o.Id
                              where b.Status == BookingStatus.Confirmed && b.ReviewReason == null && o.DeliveryDate >= today
                              select new { Booking = b, o.DeliveryDate }).ToListAsync(cancellationToken);
        var cookIds = upcoming.Select(u => u.Booking.CookId).Distinct().ToList();
        var cooks = await db.Cooks.AsNoTracking().Where(c => cookIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var flagged = 0;
        foreach (var (booking, day) in upcoming.Select(u => (u.Booking, u.DeliveryDate)))
        {
            var cook = cooks[booking.CookId];
            var why = cook.WhyNotMatchableOn(policies[cook.CouncilId], day);
            if (why.Count > 0 && booking.FlagForReview($"{cook.DisplayName} cannot be matched on {day:d MMMM}: {string.Join("; ", why)}"))
            {
                flagged++;
            }
        }

        return flagged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warned about {Count} lapsing checks or flagged bookings")]
    private static partial void LogSwept(ILogger logger, int count);
}
