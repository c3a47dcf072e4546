using System.Net;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;
using Brokering.Domain.Pairings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.RegularMeals;

/// <summary>
/// On the embedded default, with no server to keep them, reminders live in memory: agreeing a
/// regular meal registers its reminder, which plans it seconds later, and a restarted process
/// registers every live regular meal's reminder again.
/// </summary>
public sealed class RegularMealRemindersTests
{
    [Fact]
    public async Task On_the_embedded_default_a_regular_meal_is_planned_by_its_reminder_once_agreed_and_after_a_restart_with_no_one_asking()
    {
        var folder = Path.Combine(Path.GetTempPath(), "brokering-tests", Guid.NewGuid().ToString("N"));
        var before = new ReopenedSqliteApp(folder, firstPlanAfter: TimeSpan.FromHours(1), keep: true);
        await before.InitializeAsync();
        (Guid RegularMeal, DateOnly Day) agreed;
        try
        {
            agreed = await AgreeAsync(before);
            Assert.Empty(await OccurrencesAsync(before, agreed.RegularMeal));
        }
        finally
        {
            await ((IAsyncLifetime)before).DisposeAsync();
        }

        var after = new ReopenedSqliteApp(folder, firstPlanAfter: TimeSpan.FromSeconds(1), keep: false);
        await after.InitializeAsync();
        try
        {
            // The reminder registered before the restart was in memory: only the start's registration can plan it.
            Assert.Equal(OccurrenceStatus.Booked, await PlannedAsync(after, agreed));
            var another = await AgreeAsync(after);
            Assert.Equal(OccurrenceStatus.Booked, await PlannedAsync(after, another));
        }
        finally
        {
            await ((IAsyncLifetime)after).DisposeAsync();
        }
    }

    /// <summary>A pair's first meal booked by a coordinator, then their weekly regular meal agreed from four days on.</summary>
    private static async Task<(Guid RegularMeal, DateOnly Day)> AgreeAsync(BrokeringApp app)
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var diner = await s.DinerAsync();
        await ReadAsync(await s.BookAsync(await s.OfferAsync(cook, allergens: []), diner), HttpStatusCode.Created);
        var pairing = await app.WithDbAsync(db => db.Pairings.Where(p => p.DinerId == diner).Select(p => p.Id).SingleAsync());
        var day = app.Clock.Today.AddDays(4);
        var regularMeal = (await ReadAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/regular-meals", new
        {
            pairingId = pairing, weekday = day.DayOfWeek.ToString().ToLowerInvariant(), everyWeeks = 1, startsOn = day, windowStart = "12:00", windowEnd = "13:00",
            meal = new { dish = "Fish pie", ingredients = "haddock, potato, milk", allergens = new[] { "fish", "milk" }, diets = Array.Empty<string>() },
        }), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        return (regularMeal, day);
    }

    /// <summary>How the regular meal's first date stands once it is planned, waiting up to 30 s for its reminder.</summary>
    private static async Task<OccurrenceStatus?> PlannedAsync(BrokeringApp app, (Guid RegularMeal, DateOnly Day) agreed)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        List<MealOccurrence> planned;
        while ((planned = await OccurrencesAsync(app, agreed.RegularMeal)).Count == 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
        }

        return planned.SingleOrDefault(o => o.Date == agreed.Day)?.Status;
    }

    private static Task<List<MealOccurrence>> OccurrencesAsync(BrokeringApp app, Guid regularMeal) =>
        app.WithDbAsync(async db => (await db.RegularMeals.AsNoTracking().SingleAsync(r => r.Id == regularMeal)).Occurrences.ToList());

    /// <summary>The embedded default on a database a previous app may have left, planning regular meals <paramref name="firstPlanAfter"/> after their reminders are registered.</summary>
    private sealed class ReopenedSqliteApp(string folder, TimeSpan firstPlanAfter, bool keep) : SqliteApp(folder)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Brokering:RegularMeals:FirstPlanAfter", firstPlanAfter.ToString());
        }

        protected override Task DropDatabaseAsync()
        {
            if (keep)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                return Task.CompletedTask;
            }

            return base.DropDatabaseAsync();
        }
    }
}
