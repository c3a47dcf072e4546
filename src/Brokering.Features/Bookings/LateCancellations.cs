using System.Security.Claims;
using Brokering.Domain;
using Brokering.Domain.Bookings;
using Brokering.Features.Access;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Bookings;

/// <summary>A cook or diner whose late cancellations reached the council's limit; <c>party</c> is "cook" or "diner", <c>link</c> their record.</summary>
public sealed record RepeatedLateCancellation(string Party, Guid Id, string Name, string Link, int LateCancellations, DateTimeOffset LastAt);

/// <summary>
/// The no-show and hoarding guard: cancellations made less than the council's set hours before a
/// meal, counted per cook (cancelled from their own account) and per diner (cancelled by their
/// referrer). Coordinators' own cancellations are decisions, not lateness, and are not counted.
/// </summary>
public static class LateCancellations
{
    public static void MapLateCancellationEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/bookings/late-cancellations", List).WithTags("Bookings").RequireAuthorization(Policies.Coordinator)
            .WithName("RepeatedLateCancellations")
            .WithSummary("Cooks and diners with at least the council's limit of late cancellations in its period, most first.");

    public static async Task<Ok<List<RepeatedLateCancellation>>> List(ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await RepeatedAsync(db, user.CouncilId(), time.GetUtcNow(), cancellationToken));

    internal static async Task<List<RepeatedLateCancellation>> RepeatedAsync(BrokeringDbContext db, Guid councilId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rule = (await db.Councils.AsNoTracking().SingleAsync(c => c.Id == councilId, cancellationToken)).Policy.LateCancellations;
        var since = UkCalendar.DateOf(now).AddDays(-rule.OverDays);
        // SQLite cannot compare instants in SQL: the period is cut by delivery day there, and by instant here.
        var cancelled = await (from b in db.Bookings.AsNoTracking()
                               join o in db.Offers.AsNoTracking() on b.OfferId equals o.Id
                               where b.CouncilId == councilId && b.Status == BookingStatus.Cancelled && o.DeliveryDate >= since
                               select new { b.CookId, b.DinerId, b.CancelledBy, b.CancelledAt, o.DeliveryDate, o.Window.Start }).ToListAsync(cancellationToken);
        var late = cancelled.Where(c => c.CancelledAt is { } at && at > now.AddDays(-rule.OverDays) && rule.IsLate(at, UkCalendar.At(c.DeliveryDate, c.Start))).ToList();
        var cookIds = late.Select(c => c.CookId).Distinct().ToList();
        var dinerIds = late.Select(c => c.DinerId).Distinct().ToList();
        var cooks = await db.Cooks.AsNoTracking().Where(c => cookIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var diners = await db.Diners.AsNoTracking().Where(d => dinerIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);

        var byCook = late.Where(c => c.CancelledBy == cooks[c.CookId].UserId).GroupBy(c => c.CookId)
            .Select(g => new RepeatedLateCancellation("cook", g.Key, cooks[g.Key].DisplayName, $"/council/cooks/{g.Key}", g.Count(), g.Max(c => c.CancelledAt!.Value)));
        var byDiner = late.Where(c => c.CancelledBy == diners[c.DinerId].ReferredBy).GroupBy(c => c.DinerId)
            .Select(g => new RepeatedLateCancellation("diner", g.Key, $"{diners[g.Key].FirstName} {diners[g.Key].LastName}", $"/council/diners/{g.Key}", g.Count(),
                g.Max(c => c.CancelledAt!.Value)));
        return [.. byCook.Concat(byDiner).Where(r => r.LateCancellations >= rule.Limit).OrderByDescending(r => r.LateCancellations).ThenBy(r => r.Name)];
    }
}
