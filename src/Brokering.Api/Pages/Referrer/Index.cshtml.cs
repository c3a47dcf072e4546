using Brokering.Api.Infrastructure;
using Brokering.Data;
using Brokering.Domain;
using Brokering.Domain.Bookings;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Pages.Referrer;

public sealed record ReferralRow(Guid Id, string Name, DateOnly ReferredOn, string Status, int MealsDelivered, DateOnly? NextMeal);

public sealed class IndexModel(BrokeringDbContext db, TimeProvider time) : BrokeringPage
{
    public IReadOnlyList<ReferralRow> Referrals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = User.Id();
        var today = time.TodayInUk();
        var diners = await db.Diners.AsNoTracking().Where(d => d.ReferredBy == userId).ToListAsync(cancellationToken);
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
    }
}
