using System.Globalization;
using System.Text;
using Brokering.Domain;
using Brokering.Domain.Bookings;
using Brokering.Domain.Cooks;
using Brokering.Domain.Diners;
using Brokering.Features.Access;
using Brokering.Features.Payments;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Pages.Council;

public sealed record WeekFigure(DateOnly WeekBeginning, int Meals);

public sealed record SchemeFigures(int ActiveCooks, int ActiveDiners, double? MedianDaysToFirstMeal, int FirstMeals, IReadOnlyList<WeekFigure> Weeks);

/// <summary>The figures a council reports on: meals per week (Monday to Sunday, UK time), who is active, and how long people wait.</summary>
public sealed class DashboardModel(BrokeringDbContext db, TimeProvider time) : BrokeringPage
{
    public const int WeeksShown = 12;

    public SchemeFigures? Figures { get; private set; }

    /// <summary>Card contributions by delivery week; empty when the council has never asked for one.</summary>
    public IReadOnlyList<ContributionWeek> Contributions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Figures = await MeasureAsync(cancellationToken);
        if (await db.Contributions.AnyAsync(c => c.CouncilId == User.CouncilId(), cancellationToken))
        {
            Contributions = (await PaymentEndpoints.Weekly(User, db, time, cancellationToken, WeeksShown)).Value!;
        }
    }

    public async Task<FileContentResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var f = await MeasureAsync(cancellationToken);
        var csv = new StringBuilder("week_beginning,meals_delivered,active_cooks,active_diners,median_days_to_first_meal\n");
        foreach (var w in f.Weeks)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{w.WeekBeginning:yyyy-MM-dd},{w.Meals},{f.ActiveCooks},{f.ActiveDiners},{f.MedianDaysToFirstMeal?.ToString("0.#", CultureInfo.InvariantCulture)}\n");
        }

        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"meals-{time.TodayInUk():yyyy-MM-dd}.csv");
    }

    private async Task<SchemeFigures> MeasureAsync(CancellationToken cancellationToken)
    {
        var councilId = User.CouncilId();
        var today = time.TodayInUk();
        var thisWeek = UkCalendar.WeekBeginning(today);
        var from = thisWeek.AddDays(-7 * (WeeksShown - 1));

        var delivered = await (from b in db.Bookings.AsNoTracking()
                               join o in db.Offers.AsNoTracking() on b.OfferId equals o.Id
                               where b.CouncilId == councilId && b.Status == BookingStatus.Delivered
                               select new { b.DinerId, o.DeliveryDate }).ToListAsync(cancellationToken);
        var weeks = Enumerable.Range(0, WeeksShown).Select(i => from.AddDays(7 * i))
            .Select(week => new WeekFigure(week, delivered.Count(d => d.DeliveryDate >= week && d.DeliveryDate < week.AddDays(7))))
            .Reverse().ToList();

        var referred = await db.Diners.AsNoTracking().Where(d => d.CouncilId == councilId)
            .Select(d => new { d.Id, d.ReferredAt }).ToListAsync(cancellationToken);
        var firstMeal = delivered.GroupBy(d => d.DinerId).ToDictionary(g => g.Key, g => g.Min(d => d.DeliveryDate));
        var waits = referred.Where(d => firstMeal.ContainsKey(d.Id))
            .Select(d => (double)(firstMeal[d.Id].DayNumber - UkCalendar.DateOf(d.ReferredAt).DayNumber))
            .Order().ToList();

        return new SchemeFigures(
            await db.Cooks.CountAsync(c => c.CouncilId == councilId && c.Status == CookStatus.Approved, cancellationToken),
            await db.Diners.CountAsync(d => d.CouncilId == councilId && d.Status == DinerStatus.Approved, cancellationToken),
            waits.Count == 0 ? null : waits.Count % 2 == 1 ? waits[waits.Count / 2] : (waits[waits.Count / 2 - 1] + waits[waits.Count / 2]) / 2,
            waits.Count, weeks);
    }
}
