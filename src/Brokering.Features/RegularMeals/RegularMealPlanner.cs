using System.Globalization;
using Brokering.Domain;
using Brokering.Domain.Bookings;
using Brokering.Domain.Cooks;
using Brokering.Domain.Diners;
using Brokering.Domain.Notifications;
using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;
using Brokering.Features.Bookings;
using Brokering.Features.Notifications;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Brokering.Features.RegularMeals;

/// <summary><c>Brokering:RegularMeals</c>: how far ahead and how often each regular meal is planned.</summary>
public sealed class RegularMealOptions
{
    public const string Section = "Brokering:RegularMeals";

    /// <summary>How often each regular meal's reminder wakes it to plan. Each wake asks what day it is in the UK, so the clock changes move nothing.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How soon after it is agreed (or its reminder found missing at a start) a regular meal is first planned.</summary>
    public TimeSpan FirstPlanAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many days ahead each date is planned and booked, so that both sides get their reminders.</summary>
    public int DaysAhead { get; set; } = 7;

    /// <summary>How many days before a date with no cook the coordinators are told.</summary>
    public int AlertDaysAhead { get; set; } = 3;
}

/// <summary>
/// Turns regular meals into bookings: plans each coming date (booked with the regular cook, skipped
/// for the diner, or handed to the backup cook and then to any cook), follows dates whose booking
/// was cancelled, and tells coordinators of a date still without a cook before it is missed; and
/// makes the changes either side or a coordinator asks for, telling the other side.
/// Only <see cref="RegularMealGrain"/> calls it, one change to a regular meal at a time. The caller saves.
/// </summary>
public sealed class RegularMealPlanner(BrokeringDbContext db, Outbox outbox, TimeProvider time, IOptions<RegularMealOptions> options)
{
    /// <summary>Who "booked" a regular meal's occurrence: the regular meal the pair agreed, not a person.</summary>
    public const string Booker = "regular-meal";

    public async Task PlanAsync(RegularMeal regularMeal, CancellationToken cancellationToken)
    {
        var today = UkCalendar.DateOf(time.GetUtcNow());
        if (regularMeal.Status == RegularMealStatus.Paused && regularMeal.PausedUntil < today)
        {
            regularMeal.Resume();
        }

        var diner = await db.Diners.AsNoTracking().SingleAsync(d => d.Id == regularMeal.DinerId, cancellationToken);
        foreach (var date in regularMeal.DatesBetween(today, today.AddDays(options.Value.DaysAhead)).Where(d => regularMeal.OccurrenceOn(d) is null))
        {
            if (!diner.IsActive || regularMeal.DinerAway(date))
            {
                regularMeal.Plan(date, OccurrenceStatus.Skipped, diner.IsActive ? "the diner does not need a meal this day" : $"the diner is {Names.Of(diner.Status)}");
                continue;
            }

            regularMeal.Plan(date, OccurrenceStatus.NeedsCook);
            if ((regularMeal.CookAway(date) ?? await BookAsync(regularMeal, diner, regularMeal.CookId, date, regularMeal.Meal, cancellationToken)) is { } why)
            {
                await HandOverAsync(regularMeal, date, why, cancellationToken);
            }
        }

        foreach (var occurrence in regularMeal.Occurrences.Where(o => o.Date >= today).ToList())
        {
            await FollowAsync(regularMeal, diner, occurrence, today, cancellationToken);
            if (occurrence.IsUncovered && occurrence.UncoveredAlertAt is null && occurrence.Date.DayNumber - today.DayNumber <= options.Value.AlertDaysAhead)
            {
                await outbox.UncoveredMealAsync(regularMeal, occurrence.Date, occurrence.Note ?? "no cook has taken it", cancellationToken);
                regularMeal.AlertedUncovered(occurrence.Date, time.GetUtcNow());
            }
        }
    }

    /// <summary>
    /// Books the date with this cook and meal if the booking desk allows it, adding offer, booking and
    /// messages to the unit of work; otherwise why not, and nothing is added.
    /// </summary>
    private async Task<string?> BookAsync(RegularMeal regularMeal, Diner diner, Guid cookId, DateOnly date, StandingMeal meal, CancellationToken cancellationToken)
    {
        var cook = await db.Cooks.AsNoTracking().SingleAsync(c => c.Id == cookId, cancellationToken);
        if (cook.Status != CookStatus.Approved)
        {
            return $"the cook is {Names.Of(cook.Status)}";
        }

        var today = UkCalendar.DateOf(time.GetUtcNow());
        var offer = new MealOffer(cook, meal.Dish, meal.Ingredients, meal.Allergens, meal.Diets, 1, date, regularMeal.Window, meal.ReheatingAdvice, today);
        var decision = BookingDesk.Decide(await db.BookingFactsAsync(offer, diner, cancellationToken), Domain.Bookings.Booker.RegularMeal);
        if (decision.Refusal is { } refusal)
        {
            return string.Join("; ", refusal.Reasons);
        }

        offer.TakePortion();
        db.Offers.Add(offer);
        var booking = new Booking(offer, diner.Id, diner.CouncilId, decision.DistanceKm, Booker, time.GetUtcNow(), idempotencyKey: null);
        await BookingConfirmation.AddAsync(db, outbox, booking, diner, decision.Pairing, cancellationToken);
        regularMeal.Booked(date, booking.Id, cook.Id);
        return null;
    }

    /// <summary>The regular cook will not bring this date: ask the backup cook if they can be matched that day, otherwise leave it to the matcher.</summary>
    private async Task HandOverAsync(RegularMeal regularMeal, DateOnly date, string why, CancellationToken cancellationToken)
    {
        if (regularMeal.HandOver(date, why) != OccurrenceStatus.AwaitingBackup)
        {
            return;
        }

        var backup = await db.Cooks.AsNoTracking().SingleAsync(c => c.Id == regularMeal.BackupCookId, cancellationToken);
        var policy = (await db.Councils.AsNoTracking().SingleAsync(c => c.Id == backup.CouncilId, cancellationToken)).Policy;
        if (backup.WhyNotMatchableOn(policy, date).Count > 0)
        {
            regularMeal.BackupDeclined(date);
            return;
        }

        await outbox.BackupCookAskedAsync(regularMeal, date, AnswerBy(date), cancellationToken);
    }

    /// <summary>One side will miss one date: a booked date is taken back from its cook, and the other side is told.</summary>
    public async Task SkipAsync(RegularMeal regularMeal, DateOnly date, RegularMealSide side, string? reason, string by, CancellationToken cancellationToken)
    {
        regularMeal.Skip(date, side, reason, time.TodayInUk());
        var why = side == RegularMealSide.Cook ? $"the cook cannot come{(reason is { } r ? $": {r}" : "")}" : "the diner does not need a meal this day";
        if (!await ReleaseAsync(regularMeal, date, side, why, by, cancellationToken))
        {
            await outbox.RegularMealChangedAsync(regularMeal, NotificationKind.RegularMealSkipped, side,
                new() { ["date"] = date.ToString("dddd d MMMM", CultureInfo.InvariantCulture) }, cancellationToken);
        }
    }

    /// <summary>One side pauses from today, until a date or for now: every planned date in that time is taken back, and the other side is told.</summary>
    public async Task PauseAsync(RegularMeal regularMeal, RegularMealSide side, DateOnly? until, string by, CancellationToken cancellationToken)
    {
        var today = time.TodayInUk();
        regularMeal.Pause(side, until, today);
        var why = side == RegularMealSide.Cook ? "the cook has paused their regular meals" : "the diner has paused their regular meals";
        foreach (var occurrence in regularMeal.Occurrences.Where(o => o.Date >= today && (until is null || o.Date <= until)).ToList())
        {
            await ReleaseAsync(regularMeal, occurrence.Date, side, why, by, cancellationToken);
        }

        var untilText = until is { } last ? $"until {last.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}" : "for now";
        await outbox.RegularMealChangedAsync(regularMeal, NotificationKind.RegularMealsPaused, side, new() { ["until"] = untilText }, cancellationToken);
    }

    /// <summary>A second cook, already introduced to the diner, takes the dates the regular cook cannot.</summary>
    public async Task SetBackupAsync(RegularMeal regularMeal, Guid cookId, CancellationToken cancellationToken)
    {
        var pairing = await db.Pairings.AsNoTracking()
            .FirstOrDefaultAsync(p => p.CookId == cookId && p.DinerId == regularMeal.DinerId && p.Status == PairingStatus.Approved, cancellationToken)
            ?? throw new RuleRefusedException("the backup cook must already be introduced to the diner, with an approved pairing");
        regularMeal.SetBackup(pairing);
    }

    /// <summary>The backup cook takes a date waiting for a cook, with the meal they will bring, if the booking desk allows it.</summary>
    public async Task CoverAsync(RegularMeal regularMeal, DateOnly date, StandingMeal meal, CancellationToken cancellationToken)
    {
        if (regularMeal.OccurrenceOn(date) is not { IsUncovered: true } || regularMeal.BackupCookId is not { } backup)
        {
            throw new InvalidTransitionException("regular meal date", "not waiting for a cook", "covered by the backup cook");
        }

        var diner = await db.Diners.AsNoTracking().SingleAsync(d => d.Id == regularMeal.DinerId, cancellationToken);
        if (await BookAsync(regularMeal, diner, backup, date, meal, cancellationToken) is { } why)
        {
            throw new RuleRefusedException(why.Split("; "));
        }
    }

    /// <summary>
    /// Takes a planned date back from whoever was bringing it: the booking is cancelled (both sides
    /// are told) and the date goes to the backup cook, or is marked skipped for the diner.
    /// </summary>
    /// <returns>False when nobody has been told yet: the date is not planned, or (for the cook) already not theirs to bring.</returns>
    private async Task<bool> ReleaseAsync(RegularMeal regularMeal, DateOnly date, RegularMealSide side, string why, string by, CancellationToken cancellationToken)
    {
        if (regularMeal.OccurrenceOn(date) is not { } occurrence || (side == RegularMealSide.Cook && occurrence.Status != OccurrenceStatus.Booked))
        {
            return false;
        }

        if (side == RegularMealSide.Cook && occurrence.CookId != regularMeal.CookId)
        {
            // Another cook is already bringing this date: the regular cook's absence changes nothing.
            return true;
        }

        if (occurrence is { Status: OccurrenceStatus.Booked, BookingId: { } bookingId }
            && await db.Bookings.FindAsync([bookingId], cancellationToken) is { Status: BookingStatus.Confirmed } booking)
        {
            booking.Cancel(why, by, time.GetUtcNow());
            await outbox.BookingCancelledAsync(booking, cancellationToken);
            var offer = await db.Offers.SingleAsync(o => o.Id == booking.OfferId, cancellationToken);
            // The regular meal's own offer was cooked for this diner alone; another cook's offer keeps its other portions.
            if (booking.BookedBy == Booker)
            {
                offer.Withdraw();
            }
            else
            {
                offer.ReleasePortion();
            }
        }

        if (side == RegularMealSide.Diner)
        {
            regularMeal.DinerSkipped(date);
        }
        else
        {
            await HandOverAsync(regularMeal, date, why, cancellationToken);
        }

        return true;
    }

    /// <summary>The backup cook answers by the day before; after that the date is left to the matcher and the coordinators.</summary>
    private static DateOnly AnswerBy(DateOnly date) => date.AddDays(-1);

    private async Task FollowAsync(RegularMeal regularMeal, Diner diner, MealOccurrence occurrence, DateOnly today, CancellationToken cancellationToken)
    {
        var date = occurrence.Date;
        switch (occurrence.Status)
        {
            case OccurrenceStatus.Booked when occurrence.BookingId is { } bookingId:
                var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
                if (booking is not { Status: BookingStatus.Cancelled })
                {
                    return;
                }

                if (!diner.IsActive || regularMeal.DinerAway(date))
                {
                    regularMeal.DinerSkipped(date);
                }
                else if (booking.CookId == regularMeal.BackupCookId)
                {
                    regularMeal.HandOver(date, "the backup cook's meal was cancelled");
                    regularMeal.BackupDeclined(date);
                }
                else
                {
                    await HandOverAsync(regularMeal, date, $"the meal was cancelled: {booking.CancellationReason}", cancellationToken);
                }

                return;
            case OccurrenceStatus.AwaitingBackup when today >= AnswerBy(date):
                regularMeal.BackupDeclined(date);
                return;
            case OccurrenceStatus.NeedsCook:
                // Any cook may take it: the matcher's round, or a coordinator booking by hand.
                var taken = await db.Bookings.AsNoTracking()
                    .Where(b => b.DinerId == regularMeal.DinerId && b.Status == BookingStatus.Confirmed)
                    .Join(db.Offers.Where(o => o.DeliveryDate == date), b => b.OfferId, o => o.Id, (b, _) => b)
                    .FirstOrDefaultAsync(cancellationToken);
                if (taken is not null)
                {
                    regularMeal.Booked(date, taken.Id, taken.CookId);
                }

                return;
        }
    }
}
