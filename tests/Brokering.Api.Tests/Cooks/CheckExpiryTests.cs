using System.Net;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;
using Brokering.Domain.Bookings;
using Brokering.Domain.Notifications;
using Brokering.Features.Cooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Cooks;

/// <summary>Checks lapse: warnings a month ahead, and meals the cook can no longer bring flagged for review.</summary>
public abstract class CheckExpiryTests(BrokeringApp app)
{
    [Fact]
    public async Task A_check_lapsing_within_30_days_warns_the_cook_and_coordinators_once_and_leaves_the_meals_before_it_alone()
    {
        var scenario = await Scenario.StartAsync(app);
        var lapses = app.Clock.Today.AddDays(20);
        var (cook, cookId) = await scenario.ApprovedCookAsync(checksExpire: lapses);
        var booked = (await ReadAsync(await scenario.BookAsync(await scenario.OfferAsync(cook, deliveryDate: app.Clock.Today.AddDays(10)), await scenario.DinerAsync()),
            HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var sweep = Sweep();

        var first = await sweep.SweepOnceAsync(CancellationToken.None);
        var second = await sweep.SweepOnceAsync(CancellationToken.None);

        var warnings = await app.WithDbAsync(db => db.Notifications.Where(n => n.SubjectId == cookId && n.Kind == NotificationKind.CheckExpiring).ToListAsync());
        Assert.Equal(AllChecks.Length, warnings.Count(n => n.RecipientRole == RecipientRole.Cook));
        Assert.Equal(AllChecks.Length, warnings.Count(n => n.RecipientRole == RecipientRole.Coordinator)); // the council's one coordinator
        var hygiene = warnings.First(n => n.RecipientRole == RecipientRole.Cook && n.FieldValues()["check"] == "food hygiene");
        var toCook = NotificationTemplates.Render(hygiene.Kind, hygiene.RecipientRole, hygiene.FieldValues());
        Assert.Contains($"Your food hygiene check expires on {lapses:d MMMM yyyy}", toCook.Body, StringComparison.Ordinal);
        Assert.Null((await app.WithDbAsync(db => db.Bookings.SingleAsync(b => b.Id == booked))).ReviewReason);
        Assert.Equal(AllChecks.Length, first);
        Assert.Equal(0, second);
    }

    [Fact]
    public async Task Meals_whose_cook_no_longer_meets_the_councils_checks_are_flagged_for_review_once_and_stay_booked()
    {
        var scenario = await Scenario.StartAsync(app);
        var (cook, _) = await scenario.ApprovedCookAsync();
        var booked = (await ReadAsync(await scenario.BookAsync(await scenario.OfferAsync(cook, deliveryDate: app.Clock.Today.AddDays(5)), await scenario.DinerAsync()),
            HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        // The council now asks for an enhanced DBS check, which this cook does not hold.
        await ReadAsync(await scenario.Admin.PutAsJsonAsync($"/api/v1/councils/{scenario.CouncilId}/policy",
            new { requiredChecks = AllChecks.Append("dbs-enhanced"), maxTravelKm = 5 }));

        var first = await Sweep().SweepOnceAsync(CancellationToken.None);
        var second = await Sweep().SweepOnceAsync(CancellationToken.None);

        var booking = await app.WithDbAsync(db => db.Bookings.SingleAsync(b => b.Id == booked));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Contains("cannot be matched on", booking.ReviewReason, StringComparison.Ordinal);
        Assert.Contains("dbs-enhanced", booking.ReviewReason, StringComparison.Ordinal);
        Assert.Equal(1, first);
        Assert.Equal(0, second);
    }

    [Fact]
    public async Task A_cook_whose_checks_last_beyond_30_days_is_not_warned_and_their_meals_are_not_flagged()
    {
        var scenario = await Scenario.StartAsync(app);
        var (cook, cookId) = await scenario.ApprovedCookAsync(checksExpire: app.Clock.Today.AddDays(31));
        var booked = (await ReadAsync(await scenario.BookAsync(await scenario.OfferAsync(cook, deliveryDate: app.Clock.Today.AddDays(5)), await scenario.DinerAsync()),
            HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        await Sweep().SweepOnceAsync(CancellationToken.None);

        Assert.False(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.SubjectId == cookId && n.Kind == NotificationKind.CheckExpiring)));
        Assert.Null((await app.WithDbAsync(db => db.Bookings.SingleAsync(b => b.Id == booked))).ReviewReason);
    }

    private CheckExpirySweep Sweep() => ActivatorUtilities.CreateInstance<CheckExpirySweep>(app.Services, Options.Create(new CheckExpiryOptions()));
}

public sealed class CheckExpiryOnSqlite(SqliteApp app) : CheckExpiryTests(app), IClassFixture<SqliteApp>;

public sealed class CheckExpiryOnPostgres(PostgresApp app) : CheckExpiryTests(app), IClassFixture<PostgresApp>;
