using System.Net;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;
using Brokering.Domain.Bookings;
using Brokering.Domain.Diners;
using Brokering.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Safeguarding;

/// <summary>A diner's UK GDPR rights: everything held about them on request, and erasure.</summary>
public abstract class SubjectRightsTests(BrokeringApp app)
{
    [Fact]
    public async Task A_diners_export_holds_their_record_meals_concerns_messages_and_who_looked_at_them()
    {
        var scenario = await Scenario.StartAsync(app);
        var (cook, _) = await scenario.ApprovedCookAsync();
        var diner = await scenario.DinerAsync(channel: "sms", phone: "07700900777");
        var booking = (await ReadAsync(await scenario.BookAsync(await scenario.OfferAsync(cook), diner), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        await ReadAsync(await cook.PostAsJsonAsync($"/api/v1/bookings/{booking}/concerns", new { severity = "routine", description = "Seemed tired" }));

        var export = await ReadAsync(await scenario.Coordinator.GetAsync($"/api/v1/diners/{diner}/export"));

        Assert.Equal("Edna", export["diner"]!["firstName"]!.GetValue<string>());
        Assert.Equal("07700900777", export["diner"]!["phone"]!.GetValue<string>());
        Assert.Equal(booking, Assert.Single(export["bookings"]!.AsArray())!["id"]!.GetValue<Guid>());
        Assert.Equal("Seemed tired", Assert.Single(export["concerns"]!.AsArray())!["summary"]!.GetValue<string>());
        Assert.Contains(export["messages"]!.AsArray(), m => m!["kind"]!.GetValue<string>() == "booking-confirmed");
        Assert.Contains(export["accessLog"]!.AsArray(), e => e!["why"]!.GetValue<string>() == "ReferDiner");
    }

    [Fact]
    public async Task Erasing_a_diner_needs_their_full_name_typed_then_removes_what_identifies_them_and_keeps_the_anonymous_record()
    {
        var scenario = await Scenario.StartAsync(app);
        var (cook, _) = await scenario.ApprovedCookAsync();
        var diner = await scenario.DinerAsync(channel: "sms", phone: "07700900888", address: "4 Orchard Close, Testtown",
            nominatedContact: new { name = "Sam Smith", phone = "07700900999", relationship = "son" });
        var offer = await scenario.OfferAsync(cook, portions: 2);
        var booking = (await ReadAsync(await scenario.BookAsync(offer, diner), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        await ProblemAsync(await scenario.Coordinator.PostAsJsonAsync($"/api/v1/diners/{diner}/erase", new { confirmName = "Edna" }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Edna", (await app.WithDbAsync(db => db.Diners.SingleAsync(d => d.Id == diner))).FirstName);

        var erased = await ReadAsync(await scenario.Coordinator.PostAsJsonAsync($"/api/v1/diners/{diner}/erase", new { confirmName = "edna smith" }));

        Assert.Equal(("Erased", "closed"), (erased["firstName"]!.GetValue<string>(), erased["status"]!.GetValue<string>()));
        var stored = await app.WithDbAsync(db => db.Diners.SingleAsync(d => d.Id == diner));
        Assert.Equal((Diner.ErasedName, Diner.ErasedName, null, null, null, null),
            (stored.FirstName, stored.LastName, stored.Contact.Phone, stored.Contact.Address, stored.Contact.Email, stored.NominatedContact));
        Assert.Equal(Math.Round(stored.Location.Latitude, 2), stored.Location.Latitude);
        var meal = await app.WithDbAsync(db => db.Bookings.SingleAsync(b => b.Id == booking));
        Assert.Equal(BookingStatus.Cancelled, meal.Status);
        Assert.Equal(2, (await app.WithDbAsync(db => db.Offers.SingleAsync(o => o.Id == offer))).PortionsLeft);
        var messages = await app.WithDbAsync(db => db.Notifications.Where(n => n.RecipientId == diner.ToString()).ToListAsync());
        Assert.NotEmpty(messages);
        Assert.All(messages, n => Assert.Equal((null, "{}"), (n.Destination, n.Fields)));
        Assert.DoesNotContain(messages, n => n.Status == NotificationStatus.Pending);
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.SubjectId == booking
            && n.Kind == NotificationKind.BookingCancelled && n.RecipientRole == RecipientRole.Cook)));
    }

    [Fact]
    public async Task A_cooks_export_holds_their_record_account_meals_concerns_about_them_messages_and_who_looked_at_them()
    {
        var scenario = await Scenario.StartAsync(app);
        var (cook, cookId) = await scenario.ApprovedCookAsync();
        var diner = await scenario.DinerAsync();
        var offer = await scenario.OfferAsync(cook);
        var booking = (await ReadAsync(await scenario.BookAsync(offer, diner), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        await ReadAsync(await scenario.Referrer.PostAsJsonAsync("/api/v1/concerns",
            new { subjectType = "cook", subjectId = cookId, severity = "routine", description = "Arrived an hour late" }), HttpStatusCode.Created);
        await ReadAsync(await cook.PostAsJsonAsync($"/api/v1/bookings/{booking}/concerns", new { severity = "routine", description = "Edna seemed tired" }));

        var export = await ReadAsync(await scenario.Coordinator.GetAsync($"/api/v1/cooks/{cookId}/export"));

        Assert.Equal("Pat", export["cook"]!["displayName"]!.GetValue<string>());
        Assert.Contains(export["cook"]!["checks"]!.AsArray(), c => c!["reference"]!.GetValue<string>() == "REF-1");
        Assert.EndsWith("@people.test", export["account"]!["email"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(offer, Assert.Single(export["offers"]!.AsArray())!["id"]!.GetValue<Guid>());
        Assert.Equal(booking, Assert.Single(export["bookings"]!.AsArray())!["id"]!.GetValue<Guid>());
        // A concern about the meal is the diner's too, and is not the cook's to receive.
        Assert.Equal("Arrived an hour late", Assert.Single(export["concerns"]!.AsArray())!["summary"]!.GetValue<string>());
        Assert.Contains(export["messages"]!.AsArray(), m => m!["kind"]!.GetValue<string>() == "cook-approved");
        Assert.Contains(export["accessLog"]!.AsArray(), e => e!["why"]!.GetValue<string>() == "ApproveCook");
        await ProblemAsync(await cook.GetAsync($"/api/v1/cooks/{cookId}/export"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Erasing_a_cook_needs_their_name_typed_then_withdraws_their_meals_tells_the_diners_and_removes_what_identifies_them()
    {
        var scenario = await Scenario.StartAsync(app);
        var (cook, cookId) = await scenario.ApprovedCookAsync(latitude: 51.50123, longitude: -0.10456);
        var userId = await app.WithDbAsync(db => db.Cooks.Where(c => c.Id == cookId).Select(c => c.UserId).SingleAsync());
        var diner = await scenario.DinerAsync();
        var offer = await scenario.OfferAsync(cook, portions: 2);
        var booking = (await ReadAsync(await scenario.BookAsync(offer, diner), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        await ProblemAsync(await scenario.Coordinator.PostAsJsonAsync($"/api/v1/cooks/{cookId}/erase", new { confirmName = "Someone" }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Pat", (await app.WithDbAsync(db => db.Cooks.SingleAsync(c => c.Id == cookId))).DisplayName);

        var erased = await ReadAsync(await scenario.Coordinator.PostAsJsonAsync($"/api/v1/cooks/{cookId}/erase", new { confirmName = "pat" }));

        Assert.Equal(("Erased", "erased"), (erased["displayName"]!.GetValue<string>(), erased["status"]!.GetValue<string>()));
        var stored = await app.WithDbAsync(db => db.Cooks.SingleAsync(c => c.Id == cookId));
        Assert.Equal((51.5, -0.1), (stored.Location.Latitude, stored.Location.Longitude));
        Assert.NotEmpty(stored.Checks);
        Assert.All(stored.Checks, c => Assert.Equal("", c.Reference));
        var meal = await app.WithDbAsync(db => db.Offers.SingleAsync(o => o.Id == offer));
        Assert.Equal((Domain.Offers.OfferStatus.Withdrawn, 51.5), (meal.Status, meal.Location.Latitude));
        Assert.Equal(BookingStatus.Cancelled, (await app.WithDbAsync(db => db.Bookings.SingleAsync(b => b.Id == booking))).Status);
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.SubjectId == booking
            && n.Kind == NotificationKind.BookingCancelled && n.RecipientRole == RecipientRole.Diner && n.Status != NotificationStatus.Cancelled)));
        var toCook = await app.WithDbAsync(db => db.Notifications.Where(n => n.RecipientId == cookId.ToString()).ToListAsync());
        Assert.NotEmpty(toCook);
        Assert.All(toCook, n => Assert.Equal((null, "{}"), (n.Destination, n.Fields)));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == userId)));
        await ProblemAsync(await scenario.Coordinator.PostAsJsonAsync($"/api/v1/cooks/{cookId}/erase", new { confirmName = "Erased" }),
            HttpStatusCode.UnprocessableEntity);
    }
}

[Collection(SharedSqliteHost.Name)]
public sealed class SubjectRightsOnSqlite(SqliteApp app) : SubjectRightsTests(app);

[Collection(SharedPostgresHost.Name)]
public sealed class SubjectRightsOnPostgres(PostgresApp app) : SubjectRightsTests(app);
