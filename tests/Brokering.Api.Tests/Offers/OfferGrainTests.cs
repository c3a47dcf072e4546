using System.Net;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;
using Brokering.Domain.Bookings;
using Brokering.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Offers;

/// <summary>
/// Each offer's bookings are written by its grain, which keeps the offer in memory; the database's
/// version check and unique indexes stay the final word over anything that writes around it.
/// </summary>
public abstract class OfferGrainTests(BrokeringApp app)
{
    [Fact]
    public async Task Bookings_go_through_the_offers_grain()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var offer = await s.OfferAsync(cook, portions: 2);

        await ReadAsync(await s.BookAsync(offer, await s.DinerAsync()), HttpStatusCode.Created);

        var statistics = await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        Assert.Contains(statistics, g => g.GrainType.Contains("MealOfferGrain", StringComparison.Ordinal) && g.ActivationCount > 0);
    }

    [Fact]
    public async Task A_writer_that_bypasses_the_grain_costs_a_retry_never_an_oversell()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var offer = await s.OfferAsync(cook, portions: 4);
        await ReadAsync(await s.BookAsync(offer, await s.DinerAsync()), HttpStatusCode.Created);
        var diners = await app.WithDbAsync(db => DinerSeed.ApprovedAsync(db, s.CouncilId, 30, app.Clock.Now));

        // Another writer takes two of the three portions left, behind the grain's back and without telling it.
        await app.WithDbAsync(db => db.Offers.Where(o => o.Id == offer)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.PortionsLeft, o => o.PortionsLeft - 2).SetProperty(o => o.Version, o => o.Version + 1)));
        var responses = await Task.WhenAll(diners.Select(d => s.BookAsync(offer, d)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(29, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(0, await app.WithDbAsync(db => db.Offers.Where(o => o.Id == offer).Select(o => o.PortionsLeft).SingleAsync()));
        Assert.Equal(2, await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.OfferId == offer && b.Status == BookingStatus.Confirmed)));
    }

    [Fact]
    public async Task A_portion_a_paused_diner_gave_back_can_be_booked_at_once()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var offer = await s.OfferAsync(cook, portions: 1);
        var paused = await s.DinerAsync();
        await ReadAsync(await s.BookAsync(offer, paused), HttpStatusCode.Created);
        await ProblemAsync(await s.BookAsync(offer, await s.DinerAsync()), HttpStatusCode.Conflict);

        await ReadAsync(await s.Coordinator.PostAsync($"/api/v1/diners/{paused}/pause", null));

        await ReadAsync(await s.BookAsync(offer, await s.DinerAsync()), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_cook_who_cannot_come_withdraws_the_offer_and_every_booked_diner_is_told()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var offer = await s.OfferAsync(cook, portions: 3);
        var booked = new[] { await s.DinerAsync(), await s.DinerAsync() };
        var bookings = new List<Guid>();
        foreach (var diner in booked)
        {
            bookings.Add((await ReadAsync(await s.BookAsync(offer, diner), HttpStatusCode.Created))["id"]!.GetValue<Guid>());
        }

        await ProblemAsync(await s.Referrer.PostAsJsonAsync($"/api/v1/offers/{offer}/withdraw", new { reason = "not mine" }), HttpStatusCode.NotFound);
        var withdrawn = await ReadAsync(await cook.PostAsJsonAsync($"/api/v1/offers/{offer}/withdraw", new { reason = "my oven has broken" }));

        Assert.Equal("withdrawn", withdrawn["offer"]!["status"]!.GetValue<string>());
        Assert.Equal(2, withdrawn["bookingsCancelled"]!.GetValue<int>());
        var cancelled = await app.WithDbAsync(db => db.Bookings.Where(b => bookings.Contains(b.Id)).ToListAsync());
        Assert.All(cancelled, b => Assert.Equal((BookingStatus.Cancelled, "my oven has broken"), (b.Status, b.CancellationReason)));
        Assert.Equal(2, await app.WithDbAsync(db => db.Notifications.CountAsync(n =>
            n.SubjectId != null && bookings.Contains(n.SubjectId.Value) && n.Kind == NotificationKind.BookingCancelled && n.RecipientRole == RecipientRole.Diner)));
        await ProblemAsync(await s.BookAsync(offer, await s.DinerAsync()), HttpStatusCode.Conflict);
        await ProblemAsync(await cook.PostAsJsonAsync($"/api/v1/offers/{offer}/withdraw", new { reason = "again" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_idempotency_key_used_for_one_offer_is_refused_on_another_and_takes_nothing()
    {
        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var first = await s.OfferAsync(cook, portions: 2);
        var second = await s.OfferAsync(cook, portions: 2);
        var diner = await s.DinerAsync();
        await ReadAsync(await s.BookAsync(first, diner, "same-key"), HttpStatusCode.Created);

        var reused = await ProblemAsync(await s.BookAsync(second, await s.DinerAsync(), "same-key"), HttpStatusCode.UnprocessableEntity);

        Assert.Contains("Idempotency-Key", reused["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.Offers.Where(o => o.Id == second).Select(o => o.PortionsLeft).SingleAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.OfferId == second)));
    }
}

[Collection(SharedSqliteHost.Name)]
public sealed class OfferGrainOnSqlite(SqliteApp app) : OfferGrainTests(app);

[Collection(SharedPostgresHost.Name)]
public sealed class OfferGrainOnPostgres(PostgresApp app) : OfferGrainTests(app);
