using Brokering.Domain;
using Brokering.Domain.Bookings;
using Brokering.Features.Access;
using Brokering.Features.Diners;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Pages.Referrer;

/// <summary>A referral; <see cref="Wait"/> is the waiting-time estimate with its basis, while no meal is booked yet.</summary>
public sealed record ReferralRow(Guid Id, string Name, DateOnly ReferredOn, string Status, int MealsDelivered, DateOnly? NextMeal, string? Wait = null);

public sealed class IndexModel(BrokeringDbContext db, TimeProvider time) : BrokeringPage
{
    public IReadOnlyList<ReferralRow> Referrals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = User.Id();
        var today = time.TodayInUk();
        var diners = await db.Diners.AsNoTracking().ReferredBy(User).ToListAsync(cancellationToken);
        var ids = diners.Select(d => d.Id).ToList();
        var meals = await (from b in db.Bookings.AsNoTracking()
                           join o in db.Offers.AsNoTracking() on b.OfferId equals o.Id
                           where ids.Contains(b.DinerId) && (b.Status == BookingStatus.Delivered || b.Status == BookingStatus.Confirmed)
                           select new { b.DinerId, b.Status, o.DeliveryDate }).ToListAsync(cancellationToken);
        Referrals = [.. diners
            .OrderByDescending(d => d.ReferredAt)
            .Select(d => new ReferralRow(d.Id, $"{d.FirstName} {d.LastName}", UkCalendar.DateOf(d.ReferredAt), Names.Of(d.Status),
                meals.Count(m => m.DinerId == d.Id && m.Status == BookingStatus.Delivered),
                meals.Where(m => m.DinerId == d.Id && m.Status == BookingStatus.Confirmed && m.DeliveryDate >= today)
                    .Select(m => (DateOnly?)m.DeliveryDate).Min()))];
        // One at a time: the estimates share this request's database context.
        var rows = new List<ReferralRow>();
        foreach (var row in Referrals)
        {
            rows.Add(row is { MealsDelivered: 0, NextMeal: null, Status: "referred" or "approved" } ? row with { Wait = await WaitAsync(row.Id, cancellationToken) } : row);
        }

        Referrals = rows;
    }

    private async Task<string?> WaitAsync(Guid dinerId, CancellationToken cancellationToken)
    {
        return (await DinerEndpoints.EstimateWait(dinerId, User, db, time, cancellationToken)).Result is Microsoft.AspNetCore.Http.HttpResults.Ok<WaitingEstimateResponse> { Value: { } wait }
                ? (wait.EstimatedDays is { } days ? $"Likely wait about {days} days. {wait.Basis}." : $"{wait.Basis}.")
                : null;
    }
}
