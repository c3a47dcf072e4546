using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;
using Brokering.Domain.Bookings;
using Brokering.Domain.Notifications;
using Brokering.Domain.Offers;
using Brokering.Features.Offers;
using Microsoft.EntityFrameworkCore;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Cooks;

/// <summary>Stopping someone taking part takes their coming meals with it, and the other side is told.</summary>
public abstract class SuspensionTests(BrokeringApp app)
{
    [Fact]
    public async Task Suspending_a_cook_withdraws_their_coming_offers_and_cancels_those_meals_telling_each_diner()
    {
        var scenario = await Scenario.StartAsync(app);
        var (cook, cookId) = await scenario.ApprovedCookAsync();
        var offer = await scenario.OfferAsync(cook, portions: 3, deliveryDate: app.Clock.Today.AddDays(2));
        var first = await BookAsync(scenario, offer, await scenario.DinerAsync());
        var second = await BookAsync(scenario, offer, await scenario.DinerAsync());

        await ReadAsync(await scenario.Coordinator.PostAsJsonAsync($"/api/v1/cooks/{cookId}/suspend", new { reason = "a concern is being looked into" }));

        Assert.Equal(OfferStatus.Withdrawn, (await app.WithDbAsync(db => db.Offers.SingleAsync(o => o.Id == offer))).Status);
        var bookings = await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == first || b.Id == second).ToListAsync());
        Assert.All(bookings, b => Assert.Equal((BookingStatus.Cancelled, MealWithdrawal.CookCannotCome), (b.Status, b.CancellationReason)));
        var told = await app.WithDbAsync(db => db.Notifications
            .Where(n => (n.SubjectId == first || n.SubjectId == second) && n.Kind == NotificationKind.BookingCancelled && n.RecipientRole == RecipientRole.Diner)
            .CountAsync());
        Assert.Equal(2, told);
        var again = await ProblemAsync(await scenario.BookAsync(offer, await scenario.DinerAsync()), HttpStatusCode.Conflict);
        Assert.Contains("withdrawn", again["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(await app.WithDbAsync(db => db.Notifications.Where(n => n.SubjectId == first).Select(n => n.Fields).ToListAsync()),
            fields => fields.Contains("concern", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Pausing_a_diner_cancels_their_coming_meals_gives_the_portions_back_and_tells_the_cook()
    {
        var scenario = await Scenario.StartAsync(app);
        var (cook, _) = await scenario.ApprovedCookAsync();
        var offer = await scenario.OfferAsync(cook, portions: 3, deliveryDate: app.Clock.Today.AddDays(2));
        var diner = await scenario.DinerAsync();
        var booking = await BookAsync(scenario, offer, diner);
        var other = await BookAsync(scenario, offer, await scenario.DinerAsync());

        var paused = await ReadAsync(await scenario.Coordinator.PostAsync($"/api/v1/diners/{diner}/pause", null));

        Assert.Equal("paused", paused["status"]!.GetValue<string>());
        Assert.Equal(BookingStatus.Cancelled, (await app.WithDbAsync(db => db.Bookings.SingleAsync(b => b.Id == booking))).Status);
        Assert.Equal(BookingStatus.Confirmed, (await app.WithDbAsync(db => db.Bookings.SingleAsync(b => b.Id == other))).Status);
        Assert.Equal(2, (await app.WithDbAsync(db => db.Offers.SingleAsync(o => o.Id == offer))).PortionsLeft);
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n =>
            n.SubjectId == booking && n.Kind == NotificationKind.BookingCancelled && n.RecipientRole == RecipientRole.Cook)));
    }

    [Fact]
    public async Task While_32_bookings_race_a_cooks_suspension_none_is_confirmed_after_it()
    {
        var scenario = await Scenario.StartAsync(app);
        var (cook, cookId) = await scenario.ApprovedCookAsync();
        var offers = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            offers.Add(await scenario.OfferAsync(cook, portions: 12, deliveryDate: app.Clock.Today.AddDays(2)));
        }

        var diners = await app.WithDbAsync(db => DinerSeed.ApprovedAsync(db, scenario.CouncilId, 32, app.Clock.Now));

        var (answers, stoppedAt) = await RaceAsync(
            diners.Select((diner, i) => (Func<Task<HttpResponseMessage>>)(() => scenario.BookAsync(offers[i % offers.Count], diner))),
            () => scenario.Coordinator.PostAsJsonAsync($"/api/v1/cooks/{cookId}/suspend", new { reason = "a concern is being looked into" }));

        AssertRefusedAfter(answers, stoppedAt);
        // A booking confirmed before the suspension committed was cancelled by it; one confirmed after would still stand.
        Assert.Equal(0, await app.WithDbAsync(db => db.Bookings.CountAsync(b => offers.Contains(b.OfferId) && b.Status == BookingStatus.Confirmed)));
        Assert.All(await app.WithDbAsync(db => db.Offers.Where(o => offers.Contains(o.Id)).Select(o => o.Status).ToListAsync()),
            status => Assert.Equal(OfferStatus.Withdrawn, status));
    }

    [Fact]
    public async Task While_32_bookings_for_one_diner_race_their_pause_none_is_confirmed_after_it()
    {
        var scenario = await Scenario.StartAsync(app);
        var (cook, _) = await scenario.ApprovedCookAsync();
        var offers = new List<Guid>();
        for (var day = 1; day <= 32; day++)
        {
            offers.Add(await scenario.OfferAsync(cook, portions: 2, deliveryDate: app.Clock.Today.AddDays(day)));
        }

        var diner = await scenario.DinerAsync();

        var (answers, stoppedAt) = await RaceAsync(
            offers.Select(offer => (Func<Task<HttpResponseMessage>>)(() => scenario.BookAsync(offer, diner))),
            () => scenario.Coordinator.PostAsync($"/api/v1/diners/{diner}/pause", null));

        AssertRefusedAfter(answers, stoppedAt);
        Assert.Equal(0, await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.DinerId == diner && b.Status == BookingStatus.Confirmed)));
        // Every portion a cancelled booking held is back.
        Assert.All(await app.WithDbAsync(db => db.Offers.Where(o => offers.Contains(o.Id)).Select(o => o.PortionsLeft).ToListAsync()),
            left => Assert.Equal(2, left));
    }

    /// <summary>
    /// Sends the bookings spread over about 60 ms, and the stop (a suspension, a pause) 20 ms in, so
    /// some bookings land before it, some during and some after.
    /// </summary>
    /// <returns>Each booking's answer with when it was sent, and when the stop was answered (a <see cref="Stopwatch"/> timestamp).</returns>
    private static async Task<(List<(long Sent, HttpStatusCode Status)> Answers, long StoppedAt)> RaceAsync(
        IEnumerable<Func<Task<HttpResponseMessage>>> bookings, Func<Task<HttpResponseMessage>> stop)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var booked = bookings.Select(async (book, i) =>
        {
            await go.Task;
            await Task.Delay(2 * i);
            var sent = Stopwatch.GetTimestamp();
            return (sent, (await book()).StatusCode);
        }).ToList();
        var stopped = Task.Run(async () =>
        {
            await go.Task;
            await Task.Delay(20);
            await ReadAsync(await stop());
            return Stopwatch.GetTimestamp();
        });
        go.SetResult();
        var stoppedAt = await stopped;
        return ([.. await Task.WhenAll(booked)], stoppedAt);
    }

    /// <summary>Every booking was answered as booked or refused, never an error; any sent after the stop was answered was refused.</summary>
    private static void AssertRefusedAfter(List<(long Sent, HttpStatusCode Status)> answers, long stoppedAt)
    {
        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity }));
        Assert.All(answers.Where(a => a.Sent > stoppedAt), a => Assert.NotEqual(HttpStatusCode.Created, a.Status));
    }

    private static async Task<Guid> BookAsync(Scenario scenario, Guid offer, Guid diner) =>
        (await ReadAsync(await scenario.BookAsync(offer, diner), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
}

public sealed class SuspensionOnSqlite(SqliteApp app) : SuspensionTests(app), IClassFixture<SqliteApp>;

public sealed class SuspensionOnPostgres(PostgresApp app) : SuspensionTests(app), IClassFixture<PostgresApp>;
