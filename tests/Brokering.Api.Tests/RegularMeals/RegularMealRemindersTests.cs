using System.Net;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;
using Brokering.Domain.Pairings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.RegularMeals;

/// <summary>
/// On the embedded default, with no server to keep them, reminders live in memory: a restarted
/// process registers every live regular meal's reminder again, which then plans it.
/// </summary>
public sealed class RegularMealRemindersTests
{
    [Fact]
    public async Task After_a_restart_of_the_embedded_default_a_regular_meal_is_planned_by_its_reminder_with_no_one_asking()
    {
        var folder = Path.Combine(Path.GetTempPath(), "brokering-tests", Guid.NewGuid().ToString("N"));
        var before = new ReopenedSqliteApp(folder, firstPlanAfter: TimeSpan.FromHours(1), keep: true);
        await before.InitializeAsync();
        Guid regularMeal;
        DateOnly day;
        try
        {
            var s = await StartAsync(before);
            var (cook, _) = await s.ApprovedCookAsync();
            var diner = await s.DinerAsync();
            await ReadAsync(await s.BookAsync(await s.OfferAsync(cook, allergens: []), diner), HttpStatusCode.Created);
            var pairing = await before.WithDbAsync(db => db.Pairings.Where(p => p.DinerId == diner).Select(p => p.Id).SingleAsync());
            day = before.Clock.Today.AddDays(4);
            regularMeal = (await ReadAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/regular-meals", new
            {
                pairingId = pairing, weekday = day.DayOfWeek.ToString().ToLowerInvariant(), everyWeeks = 1, startsOn = day, windowStart = "12:00", windowEnd = "13:00",
                meal = new { dish = "Fish pie", ingredients = "haddock, potato, milk", allergens = new[] { "fish", "milk" }, diets = Array.Empty<string>() },
            }), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
            Assert.Empty(await OccurrencesAsync(before, regularMeal));
        }
        finally
        {
            await ((IAsyncLifetime)before).DisposeAsync();
        }

        var after = new ReopenedSqliteApp(folder, firstPlanAfter: TimeSpan.FromSeconds(1), keep: false);
        await after.InitializeAsync();
        try
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            List<MealOccurrence> planned;
            while ((planned = await OccurrencesAsync(after, regularMeal)).Count == 0 && DateTime.UtcNow < until)
            {
                await Task.Delay(200);
            }

            Assert.Equal(OccurrenceStatus.Booked, Assert.Single(planned, o => o.Date == day).Status);
        }
        finally
        {
            await ((IAsyncLifetime)after).DisposeAsync();
        }
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
