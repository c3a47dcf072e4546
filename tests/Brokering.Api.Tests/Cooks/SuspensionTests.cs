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

    private static async Task<Guid> BookAsync(Scenario scenario, Guid offer, Guid diner) =>
        (await ReadAsync(await scenario.BookAsync(offer, diner), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
}

public sealed class SuspensionOnSqlite(SqliteApp app) : SuspensionTests(app), IClassFixture<SqliteApp>;

public sealed class SuspensionOnPostgres(PostgresApp app) : SuspensionTests(app), IClassFixture<PostgresApp>;
