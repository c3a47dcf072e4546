using System.Net;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;
using Brokering.Domain.Bookings;
using Brokering.Domain.Notifications;
using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.RegularMeals;

/// <summary>
/// A pair's regular meal: booked a week ahead on the right UK day whatever the clocks do, skipped
/// or paused by either side with notice to the other, handed to the backup cook when the regular
/// cook cannot come, and shown to coordinators when a date still has no cook.
/// </summary>
public abstract class RegularMealTests(BrokeringApp app)
{
    [Fact]
    public async Task Weekly_sunday_meals_across_the_october_clock_change_are_booked_on_sundays_with_reminders_at_ten_uk_time()
    {
        // The clocks go back at 02:00 on the last Sunday of October; the clock only moves forward, so the next one.
        var change = NextLastSunday(10, daysBefore: 5);
        app.Clock.SetUtcNow(Utc(change.AddDays(-5), 10));
        var (s, _, pairing, _) = await PairAsync();
        var regularMeal = await AgreeAsync(s.Coordinator, pairing, "sunday", startsOn: change);

        await PlanAsync();
        await PlanAsync(at: Utc(change.AddDays(1), 10));

        // The reminder the day before the change is at 10:00 summer time (09:00 UTC), the next at 10:00 GMT.
        Assert.Equal([(change, Utc(change.AddDays(-1), 9)), (change.AddDays(7), Utc(change.AddDays(6), 10))], await PlannedAsync(s, regularMeal));
    }

    [Fact]
    public async Task Fortnightly_monday_meals_across_the_march_clock_change_come_every_other_monday_with_reminders_at_ten_uk_time()
    {
        // The clocks go forward at 01:00 on the last Sunday of March.
        var change = NextLastSunday(3, daysBefore: 10);
        var start = Utc(change.AddDays(-10), 10);
        app.Clock.SetUtcNow(start);
        var (s, _, pairing, _) = await PairAsync();
        var firstMonday = change.AddDays(-6);
        var regularMeal = await AgreeAsync(s.Coordinator, pairing, "monday", startsOn: firstMonday, everyWeeks: 2);
        for (var day = 0; day <= 18; day += 3)
        {
            await PlanAsync(at: start.AddDays(day));
        }

        // The first reminder is at 10:00 GMT, the second at 10:00 summer time (09:00 UTC).
        Assert.Equal([(firstMonday, Utc(firstMonday.AddDays(-1), 10)), (firstMonday.AddDays(14), Utc(firstMonday.AddDays(13), 9))], await PlannedAsync(s, regularMeal));
    }

    /// <summary>The last Sunday of <paramref name="month"/> in the first year where it is at least <paramref name="daysBefore"/> days away.</summary>
    private DateOnly NextLastSunday(int month, int daysBefore)
    {
        for (var year = app.Clock.Today.Year; ; year++)
        {
            var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            var sunday = last.AddDays(-(int)last.DayOfWeek);
            if (sunday.AddDays(-daysBefore) > app.Clock.Today)
            {
                return sunday;
            }
        }
    }

    private static DateTimeOffset Utc(DateOnly date, int hour) => new(date.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    /// <summary>Each date planned, with when the diner's reminder for it is due; every date must be booked.</summary>
    private async Task<List<(DateOnly Date, DateTimeOffset Reminder)>> PlannedAsync(Scenario s, Guid regularMeal)
    {
        var planned = await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/regular-meals/{regularMeal}"));
        var result = new List<(DateOnly, DateTimeOffset)>();
        foreach (var occurrence in planned["occurrences"]!.AsArray())
        {
            Assert.Equal("booked", occurrence!["status"]!.GetValue<string>());
            var booking = occurrence["bookingId"]!.GetValue<Guid>();
            var reminder = await app.WithDbAsync(db => db.Notifications.AsNoTracking()
                .SingleAsync(n => n.SubjectId == booking && n.Kind == NotificationKind.DeliveryReminder && n.RecipientRole == RecipientRole.Diner));
            result.Add((DateOnly.Parse(occurrence["date"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), reminder.DueAt));
        }

        return result;
    }

    [Fact]
    public async Task When_the_cook_skips_a_booked_date_the_diner_is_told_and_the_backup_cook_is_asked_and_covers_it()
    {
        var (s, cook, pairing, diner) = await PairAsync();
        var (backup, backupId) = await s.ApprovedCookAsync();
        await ReadAsync(await s.BookAsync(await s.OfferAsync(backup), diner), HttpStatusCode.Created);
        var day = app.Clock.Today.AddDays(5);
        var regularMeal = await AgreeAsync(cook, pairing, day.DayOfWeek.ToString().ToLowerInvariant(), day);
        await ReadAsync(await s.Coordinator.PutAsJsonAsync($"/api/v1/regular-meals/{regularMeal}/backup", new { cookId = backupId }));
        await PlanAsync();

        var skipped = await ReadAsync(await cook.PostAsJsonAsync($"/api/v1/regular-meals/{regularMeal}/skip", new { date = day, reason = "visiting my sister" }));

        Assert.Equal("awaiting-backup", Occurrence(skipped, day)["status"]!.GetValue<string>());
        var cancelled = await app.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.DinerId == diner && b.Status == BookingStatus.Cancelled));
        Assert.Contains("visiting my sister", cancelled.CancellationReason, StringComparison.Ordinal);
        Assert.Equal(OfferStatus.Withdrawn, (await app.WithDbAsync(db => db.Offers.AsNoTracking().SingleAsync(o => o.Id == cancelled.OfferId))).Status);
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.SubjectId == cancelled.Id && n.Kind == NotificationKind.BookingCancelled && n.RecipientRole == RecipientRole.Diner)));
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.SubjectId == regularMeal && n.Kind == NotificationKind.BackupCookAsked && n.RecipientId == backupId.ToString())));

        var backupView = await ReadAsync(await backup.GetAsync($"/api/v1/regular-meals/{regularMeal}"));
        Assert.Equal("awaiting-backup", Occurrence(backupView, day)["status"]!.GetValue<string>());
        var covered = await ReadAsync(await backup.PostAsJsonAsync($"/api/v1/regular-meals/{regularMeal}/cover", new
        {
            date = day,
            meal = new { dish = "Lentil soup", ingredients = "lentils, carrot, celery", allergens = new[] { "celery" }, diets = new[] { "vegetarian" } },
        }));

        Assert.Equal("booked", Occurrence(covered, day)["status"]!.GetValue<string>());
        Assert.Equal(backupId, Occurrence(covered, day)["cookId"]!.GetValue<Guid>());
        var label = await ReadAsync(await backup.GetAsync($"/api/v1/bookings/{Occurrence(covered, day)["bookingId"]}/label"));
        Assert.Equal("Lentil soup", label["dish"]!.GetValue<string>());
        await ProblemAsync(await cook.PostAsJsonAsync($"/api/v1/regular-meals/{regularMeal}/cover", new { date = day, meal = new { dish = "x", allergens = Array.Empty<string>(), diets = Array.Empty<string>() } }),
            HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_backup_meal_that_does_not_suit_the_diner_is_refused_and_nothing_is_booked()
    {
        var (s, cook, pairing, diner) = await PairAsync(dinerAllergens: ["peanuts"]);
        var (backup, backupId) = await s.ApprovedCookAsync();
        await ReadAsync(await s.BookAsync(await s.OfferAsync(backup), diner), HttpStatusCode.Created);
        var day = app.Clock.Today.AddDays(5);
        var regularMeal = await AgreeAsync(cook, pairing, day.DayOfWeek.ToString().ToLowerInvariant(), day);
        await ReadAsync(await s.Coordinator.PutAsJsonAsync($"/api/v1/regular-meals/{regularMeal}/backup", new { cookId = backupId }));
        await ReadAsync(await cook.PostAsJsonAsync($"/api/v1/regular-meals/{regularMeal}/skip", new { date = day }));
        await PlanAsync();
        var offersBefore = await app.WithDbAsync(db => db.Offers.CountAsync());

        var problem = await ProblemAsync(await backup.PostAsJsonAsync($"/api/v1/regular-meals/{regularMeal}/cover", new
        {
            date = day,
            meal = new { dish = "Satay", allergens = new[] { "peanuts" }, diets = Array.Empty<string>() },
        }), HttpStatusCode.UnprocessableEntity);

        Assert.Contains("peanuts", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(offersBefore, await app.WithDbAsync(db => db.Offers.CountAsync()));
        Assert.Equal("awaiting-backup", Occurrence(await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/regular-meals/{regularMeal}")), day)["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_date_the_diner_skips_gets_no_meal_and_the_cook_is_told_and_a_diners_pause_books_nothing_until_it_ends()
    {
        var (s, cook, pairing, _) = await PairAsync();
        var first = NextSunday();
        var regularMeal = await AgreeAsync(cook, pairing, "sunday", first);

        await ReadAsync(await s.Referrer.PostAsJsonAsync($"/api/v1/regular-meals/{regularMeal}/skip", new { date = first, reason = "at my daughter's" }));
        await PlanAsync();

        var planned = await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/regular-meals/{regularMeal}"));
        Assert.Equal("skipped", Occurrence(planned, first)["status"]!.GetValue<string>());
        var told = await app.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.SubjectId == regularMeal && n.Kind == NotificationKind.RegularMealSkipped));
        Assert.Equal(RecipientRole.Cook, told.RecipientRole);

        await ReadAsync(await s.Referrer.PostAsJsonAsync($"/api/v1/regular-meals/{regularMeal}/pause", new { until = first.AddDays(14) }));
        await PlanAsync(at: app.Clock.Now.AddDays(7));

        var paused = await ReadAsync(await s.Coordinator.GetAsync($"/api/v1/regular-meals/{regularMeal}"));
        Assert.Equal("skipped", Occurrence(paused, first.AddDays(7))["status"]!.GetValue<string>());
        Assert.Equal(0, await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.CouncilId == s.CouncilId && b.BookedBy == "regular-meal")));
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.SubjectId == regularMeal && n.Kind == NotificationKind.RegularMealsPaused && n.RecipientRole == RecipientRole.Cook)));
    }

    [Fact]
    public async Task When_the_regular_cook_cannot_be_matched_and_there_is_no_backup_the_coordinators_see_the_uncovered_date_and_are_told_once()
    {
        var s = await StartAsync(app);
        var day = app.Clock.Today.AddDays(3);
        var (cook, _) = await s.ApprovedCookAsync(checksExpire: day.AddDays(-1));
        var diner = await s.DinerAsync();
        await ReadAsync(await s.BookAsync(await s.OfferAsync(cook, deliveryDate: app.Clock.Today.AddDays(1)), diner), HttpStatusCode.Created);
        var pairing = await app.WithDbAsync(db => db.Pairings.Where(p => p.DinerId == diner).Select(p => p.Id).SingleAsync());
        var regularMeal = await AgreeAsync(cook, pairing, day.DayOfWeek.ToString().ToLowerInvariant(), day);

        await PlanAsync();
        await PlanAsync();

        var uncovered = Assert.Single(await ReadListAsync(await s.Coordinator.GetAsync("/api/v1/regular-meals/uncovered")), u => u!["regularMealId"]!.GetValue<Guid>() == regularMeal)!;
        Assert.Equal(day, DateOnly.Parse(uncovered["date"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("needs-cook", uncovered["status"]!.GetValue<string>());
        Assert.Contains("checks not valid on", uncovered["note"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Edna", uncovered["dinerFirstName"]!.GetValue<string>());
        var alerts = await app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.SubjectId == regularMeal && n.Kind == NotificationKind.UncoveredMeal).ToListAsync());
        Assert.Equal(alerts.Count, alerts.Select(a => a.RecipientId).Distinct().Count());
        Assert.Contains(alerts, a => a.RecipientRole == RecipientRole.Coordinator);
        await ProblemAsync(await cook.GetAsync("/api/v1/regular-meals/uncovered"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_regular_meal_needs_an_approved_pairing_and_a_start_on_its_weekday()
    {
        var s = await StartAsync(app);
        var (cook, cookId) = await s.ApprovedCookAsync();
        var diner = await s.DinerAsync();
        var proposed = new Pairing(s.CouncilId, cookId, diner, "coordinator", app.Clock.Now);
        await app.WithDbAsync(async db =>
        {
            db.Pairings.Add(proposed);
            return await db.SaveChangesAsync();
        });

        await ProblemAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/regular-meals", Agreement(proposed.Id, "sunday", NextSunday())), HttpStatusCode.UnprocessableEntity);
        await ProblemAsync(await cook.PostAsJsonAsync("/api/v1/regular-meals", Agreement(proposed.Id, "sunday", NextSunday())), HttpStatusCode.UnprocessableEntity);

        var (paired, pairedCook, approved, _) = await PairAsync();
        var wrongDay = await ProblemAsync(await paired.Coordinator.PostAsJsonAsync("/api/v1/regular-meals", Agreement(approved, "saturday", NextSunday())), HttpStatusCode.BadRequest);
        Assert.Contains("startsOn", wrongDay["errors"]!.ToJsonString(), StringComparison.Ordinal);
        var (otherCook, _) = await paired.ApprovedCookAsync();
        await ProblemAsync(await otherCook.PostAsJsonAsync("/api/v1/regular-meals", Agreement(approved, "sunday", NextSunday())), HttpStatusCode.NotFound);
        await AgreeAsync(pairedCook, approved, "sunday", NextSunday());
        await ProblemAsync(await paired.Coordinator.PostAsJsonAsync("/api/v1/regular-meals", Agreement(approved, "sunday", NextSunday())), HttpStatusCode.Conflict);
    }

    private async Task<(Scenario Scenario, HttpClient Cook, Guid Pairing, Guid Diner)> PairAsync(string[]? dinerAllergens = null)
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var diner = await s.DinerAsync(allergens: dinerAllergens);
        // A coordinator booking the pair's first meal approves the pairing.
        await ReadAsync(await s.BookAsync(await s.OfferAsync(cook, allergens: []), diner), HttpStatusCode.Created);
        var pairing = await app.WithDbAsync(db => db.Pairings.Where(p => p.DinerId == diner).Select(p => p.Id).SingleAsync());
        return (s, cook, pairing, diner);
    }

    private static object Agreement(Guid pairing, string weekday, DateOnly startsOn, int everyWeeks = 1) => new
    {
        pairingId = pairing,
        weekday,
        everyWeeks,
        startsOn,
        windowStart = "12:00",
        windowEnd = "13:00",
        meal = new { dish = "Chicken casserole", ingredients = "chicken, carrots, onion, stock", allergens = Array.Empty<string>(), diets = Array.Empty<string>() },
    };

    private static async Task<Guid> AgreeAsync(HttpClient by, Guid pairing, string weekday, DateOnly startsOn, int everyWeeks = 1) =>
        (await ReadAsync(await by.PostAsJsonAsync("/api/v1/regular-meals", Agreement(pairing, weekday, startsOn, everyWeeks)), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

    /// <summary>Plans every regular meal as their reminders would, after moving the clock on to <paramref name="at"/> if given.</summary>
    private async Task PlanAsync(DateTimeOffset? at = null)
    {
        if (at is { } moment)
        {
            app.Clock.SetUtcNow(moment);
        }

        await app.PlanRegularMealsAsync();
    }

    private DateOnly NextSunday()
    {
        var today = app.Clock.Today;
        return today.AddDays(((int)DayOfWeek.Sunday - (int)today.DayOfWeek + 7) % 7 is 0 ? 7 : ((int)DayOfWeek.Sunday - (int)today.DayOfWeek + 7) % 7);
    }

    private static System.Text.Json.Nodes.JsonNode Occurrence(System.Text.Json.Nodes.JsonObject regularMeal, DateOnly date) =>
        regularMeal["occurrences"]!.AsArray().Single(o => o!["date"]!.GetValue<string>() == date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))!;
}

public sealed class RegularMealsOnSqlite(SqliteApp app) : RegularMealTests(app), IClassFixture<SqliteApp>;

public sealed class RegularMealsOnPostgres(PostgresApp app) : RegularMealTests(app), IClassFixture<PostgresApp>;
