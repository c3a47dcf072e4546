using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Brokering.Api.Tests.Support;
using Brokering.Domain;
using Brokering.Domain.Bookings;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.RegularMeals;

/// <summary>
/// A regular meal is planned by an Orleans reminder kept in PostgreSQL, not by the process that
/// happened to hold it: when that process dies, the other plans it, and a date is booked once.
/// </summary>
public sealed class RegularMealFailoverTests(PostgresApp app, ITestOutputHelper output) : IClassFixture<PostgresApp>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_regular_meal_whose_process_was_killed_is_planned_by_its_reminder_in_the_other_process_and_each_date_is_booked_once()
    {
        var s = await StartAsync(app);
        var pairings = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var (cook, _) = await s.ApprovedCookAsync();
            var diner = await s.DinerAsync();
            // A coordinator booking the pair's first meal approves the pairing.
            await ReadAsync(await s.BookAsync(await s.OfferAsync(cook, allergens: []), diner), HttpStatusCode.Created);
            pairings.Add(await app.WithDbAsync(db => db.Pairings.Where(p => p.DinerId == diner).Select(p => p.Id).SingleAsync()));
        }

        var cluster = $"rhythm-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string>
        {
            ["Brokering__RegularMeals__FirstPlanAfter"] = "00:00:04",
            ["Brokering__RegularMeals__Interval"] = Interval.ToString(),
        };
        await using var first = new ApiProcess(app.ConnectionString, cluster, settings: settings);
        await using var second = new ApiProcess(app.ConnectionString, cluster, settings: settings);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await ApiProcess.StartAllAsync(http, first, second);
        var coordinator = await first.SignInAsync(http, s.CoordinatorEmail, Password);
        // The processes run on the machine's clock, so their UK today is the real one.
        var today = UkCalendar.DateOf(DateTimeOffset.UtcNow);

        // The first is agreed through the first process, whose silo then holds its grain, and planned there.
        var earlier = await AgreeAsync(http, first, coordinator, pairings[0], today.AddDays(2));
        var earlierBooked = await BookedAsync(http, second, coordinator, earlier, today.AddDays(2), TimeSpan.FromSeconds(30));

        // The second is agreed there too, and the process is killed before the reminder's first call.
        var later = await AgreeAsync(http, first, coordinator, pairings[1], today.AddDays(3));
        await first.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        var laterBooked = await BookedAsync(http, second, coordinator, later, today.AddDays(3), TimeSpan.FromSeconds(60));
        output.WriteLine($"planned by the other process {(DateTimeOffset.UtcNow - killedAt).TotalSeconds:0.0} s after the kill");

        // By now the other process's reminders have woken the first regular meal again, twice.
        await Task.Delay(Interval * 2);
        foreach (var (regularMeal, date, booked) in new[] { (earlier, today.AddDays(2), earlierBooked), (later, today.AddDays(3), laterBooked) })
        {
            var bookings = await app.WithDbAsync(db => db.Bookings.AsNoTracking()
                .Where(b => b.DinerId == db.RegularMeals.Single(r => r.Id == regularMeal).DinerId && b.Status != BookingStatus.Cancelled)
                .Join(db.Offers.Where(o => o.DeliveryDate == date), b => b.OfferId, o => o.Id, (b, _) => b)
                .ToListAsync());
            Assert.Equal(booked, Assert.Single(bookings).Id);
        }

        Assert.True(await app.WithDbAsync(db => db.Bookings.AnyAsync(b => b.Id == laterBooked && b.BookedAt > killedAt)), "the later date was booked before the kill");
    }

    private static async Task<Guid> AgreeAsync(HttpClient http, ApiProcess api, string token, Guid pairing, DateOnly startsOn) =>
        (await ReadAsync(await api.SendAsync(http, HttpMethod.Post, "/api/v1/regular-meals", token, new
        {
            pairingId = pairing,
            weekday = startsOn.DayOfWeek.ToString().ToLowerInvariant(),
            everyWeeks = 1,
            startsOn,
            windowStart = "12:00",
            windowEnd = "13:00",
            meal = new { dish = "Shepherd's pie", ingredients = "lamb, potato, carrot, onion", allergens = Array.Empty<string>(), diets = Array.Empty<string>() },
        }), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

    /// <summary>Waits until <paramref name="date"/> of the regular meal is booked, as <paramref name="api"/> sees it.</summary>
    private static async Task<Guid> BookedAsync(HttpClient http, ApiProcess api, string token, Guid regularMeal, DateOnly date, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        JsonNode? occurrence = null;
        while (DateTime.UtcNow < until)
        {
            var planned = await ReadAsync(await api.SendAsync(http, HttpMethod.Get, $"/api/v1/regular-meals/{regularMeal}", token));
            occurrence = planned["occurrences"]!.AsArray().SingleOrDefault(o => o!["date"]!.GetValue<string>() == date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (occurrence?["status"]?.GetValue<string>() == "booked")
            {
                return occurrence["bookingId"]!.GetValue<Guid>();
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{date} of the regular meal was not booked within {limit}; it stands as {occurrence?.ToJsonString() ?? "not planned"}: {api.Output}");
        return default;
    }
}
