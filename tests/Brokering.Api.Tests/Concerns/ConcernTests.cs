using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Brokering.Api.Tests.Support;
using Brokering.Domain.Notifications;
using Brokering.Features.Concerns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Concerns;

/// <summary>A coordinator's triage: urgent concerns first, acknowledged, then closed with the outcome.</summary>
public abstract class ConcernTests(BrokeringApp app)
{
    [Fact]
    public async Task Concerns_are_listed_urgent_first_acknowledged_and_closed_with_their_outcome()
    {
        var scenario = await Scenario.StartAsync(app);
        var (cook, _) = await scenario.ApprovedCookAsync();
        var offer = await scenario.OfferAsync(cook, portions: 2);
        var booking = (await ReadAsync(await scenario.BookAsync(offer, await scenario.DinerAsync()), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var routine = await RaiseAsync(cook, booking, "routine", "Seemed a little low");
        var urgent = await RaiseAsync(cook, booking, "urgent", "Had a fall last night");

        var listed = (await scenario.Coordinator.GetFromJsonAsync<JsonArray>("/api/v1/concerns"))!;
        Assert.Equal([urgent, routine], listed.Select(c => c!["id"]!.GetValue<Guid>()));

        var acknowledged = await ReadAsync(await scenario.Coordinator.PostAsync($"/api/v1/concerns/{urgent}/acknowledge", null));
        Assert.Equal("acknowledged", acknowledged["status"]!.GetValue<string>());
        await ProblemAsync(await scenario.Coordinator.PostAsync($"/api/v1/concerns/{urgent}/acknowledge", null), HttpStatusCode.Conflict);
        await ProblemAsync(await scenario.Coordinator.PostAsJsonAsync($"/api/v1/concerns/{urgent}/close", new { outcome = " " }), HttpStatusCode.BadRequest);
        var closed = await ReadAsync(await scenario.Coordinator.PostAsJsonAsync($"/api/v1/concerns/{urgent}/close",
            new { outcome = "GP visited; diner well; nominated contact told" }));

        Assert.Equal("resolved", closed["status"]!.GetValue<string>());
        Assert.Equal("GP visited; diner well; nominated contact told", closed["outcome"]!.GetValue<string>());
        var still = (await scenario.Coordinator.GetFromJsonAsync<JsonArray>("/api/v1/concerns"))!;
        Assert.Equal([routine], still.Select(c => c!["id"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task An_urgent_concern_nobody_acknowledges_within_an_hour_is_escalated_once_to_every_coordinator_and_admin()
    {
        var scenario = await Scenario.StartAsync(app);
        var (cook, _) = await scenario.ApprovedCookAsync();
        var offer = await scenario.OfferAsync(cook, portions: 3);
        var booking = (await ReadAsync(await scenario.BookAsync(offer, await scenario.DinerAsync()), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var ignored = await RaiseAsync(cook, booking, "urgent", "Edna was confused and could not find her keys");
        var seen = await RaiseAsync(cook, booking, "urgent", "Edna had a bruise on her arm");
        var routine = await RaiseAsync(cook, booking, "routine", "Edna would like a vegetarian meal next time");
        await ReadAsync(await scenario.Coordinator.PostAsync($"/api/v1/concerns/{seen}/acknowledge", null));
        var escalation = ActivatorUtilities.CreateInstance<ConcernEscalation>(app.Services, Options.Create(new ConcernEscalationOptions()));
        var raisedAt = app.Clock.Now;
        // Other tests' concerns share the database, so what is counted is this council's messages.
        Task<List<Notification>> EscalatedAsync() => app.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.ConcernEscalated
            && (n.SubjectId == ignored || n.SubjectId == seen || n.SubjectId == routine)).ToListAsync());
        app.Clock.SetUtcNow(raisedAt.AddMinutes(59));
        await escalation.EscalateOverdueAsync(CancellationToken.None);
        var early = await EscalatedAsync();
        app.Clock.SetUtcNow(raisedAt.AddMinutes(61));
        await escalation.EscalateOverdueAsync(CancellationToken.None);
        await escalation.EscalateOverdueAsync(CancellationToken.None);

        Assert.Empty(early);
        var messages = await EscalatedAsync();
        Assert.All(messages, n => Assert.Equal(ignored, n.SubjectId));
        Assert.All(messages, n => Assert.True(n.Urgent));
        Assert.Contains(messages, n => n.Destination == BrokeringApp.AdminEmail);
        Assert.Equal(2, messages.Count); // the council's coordinator and the admin
    }

    [Fact]
    public async Task Anyone_involved_can_raise_a_concern_about_a_diner_or_a_cook_and_nobody_else_can()
    {
        var scenario = await Scenario.StartAsync(app);
        var (cook, cookId) = await scenario.ApprovedCookAsync();
        var (stranger, strangerId) = await scenario.ApprovedCookAsync();
        var diner = await scenario.DinerAsync();
        await ReadAsync(await scenario.BookAsync(await scenario.OfferAsync(cook), diner), HttpStatusCode.Created);

        var byReferrer = await ReadAsync(await AboutAsync(scenario.Referrer, "diner", diner, "routine", "Edna's fridge was empty"), HttpStatusCode.Created);
        var byCook = await ReadAsync(await AboutAsync(cook, "diner", diner, "routine", "Edna's heating was off"), HttpStatusCode.Created);
        var aboutCook = await ReadAsync(await AboutAsync(scenario.Referrer, "cook", cookId, "routine", "Edna says the cook arrived very late"), HttpStatusCode.Created);

        Assert.Equal(("diner", diner), (byReferrer["subjectType"]!.GetValue<string>(), byReferrer["dinerId"]!.GetValue<Guid>()));
        Assert.Equal("diner", byCook["subjectType"]!.GetValue<string>());
        Assert.Equal(("cook", cookId), (aboutCook["subjectType"]!.GetValue<string>(), aboutCook["cookId"]!.GetValue<Guid>()));
        Assert.Null(aboutCook["dinerId"]);
        // Someone with no part in the diner's meals, or a cook about another cook, is told there is no such record.
        await ProblemAsync(await AboutAsync(stranger, "diner", diner, "urgent", "prying"), HttpStatusCode.NotFound);
        await ProblemAsync(await AboutAsync(stranger, "cook", cookId, "urgent", "a rival"), HttpStatusCode.NotFound);
        await ProblemAsync(await AboutAsync(cook, "cook", strangerId, "urgent", "a rival"), HttpStatusCode.NotFound);
        await ProblemAsync(await AboutAsync(scenario.Referrer, "council", diner, "routine", "x"), HttpStatusCode.BadRequest);
        await ProblemAsync(await AboutAsync(scenario.Referrer, "diner", diner, "whenever", "x"), HttpStatusCode.BadRequest);
        var listed = (await scenario.Coordinator.GetFromJsonAsync<JsonArray>("/api/v1/concerns"))!;
        Assert.Equal(3, listed.Count);
    }

    [Fact]
    public async Task Triage_is_logged_in_order_and_a_closed_concern_takes_no_more_actions()
    {
        var scenario = await Scenario.StartAsync(app);
        var diner = await scenario.DinerAsync();
        var concern = (await ReadAsync(await AboutAsync(scenario.Referrer, "diner", diner, "routine", "Edna has lost weight"), HttpStatusCode.Created))["id"]!;

        await ReadAsync(await scenario.Coordinator.PostAsync($"/api/v1/concerns/{concern}/acknowledge", null));
        await ReadAsync(await scenario.Coordinator.PostAsJsonAsync($"/api/v1/concerns/{concern}/actions", new { description = "Rang Edna's daughter; she will visit tonight." }));
        await ProblemAsync(await scenario.Coordinator.PostAsJsonAsync($"/api/v1/concerns/{concern}/actions", new { description = "" }), HttpStatusCode.BadRequest);
        await ReadAsync(await scenario.Coordinator.PostAsJsonAsync($"/api/v1/concerns/{concern}/close", new { outcome = "GP appointment booked." }));
        await ProblemAsync(await scenario.Coordinator.PostAsJsonAsync($"/api/v1/concerns/{concern}/actions", new { description = "late note" }), HttpStatusCode.Conflict);

        var read = await ReadAsync(await scenario.Coordinator.GetAsync($"/api/v1/concerns/{concern}"));
        Assert.Equal(
            ["Acknowledged.", "Rang Edna's daughter; she will visit tonight.", "Closed: GP appointment booked."],
            read["actions"]!.AsArray().Select(a => a!["description"]!.GetValue<string>()));
        Assert.Equal("resolved", read["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Urgent_alerts_go_to_the_coordinator_on_duty_and_to_every_coordinator_when_the_rota_has_a_gap()
    {
        var scenario = await Scenario.StartAsync(app);
        var (_, onDutyEmail) = await scenario.AnotherCoordinatorAsync();
        var (cook, cookId) = await scenario.ApprovedCookAsync();
        var contactPhone = "07700 900123";
        var diner = await scenario.DinerAsync(nominatedContact: new { name = "Sam Smith", phone = contactPhone, relationship = "son" });
        await ReadAsync(await scenario.BookAsync(await scenario.OfferAsync(cook), diner), HttpStatusCode.Created);
        var shift = await ReadAsync(await scenario.Coordinator.PostAsJsonAsync("/api/v1/duty",
            new { coordinatorEmail = onDutyEmail, starts = app.Clock.Now.AddHours(-2), ends = app.Clock.Now.AddHours(6) }), HttpStatusCode.Created);
        Assert.True(shift["onDutyNow"]!.GetValue<bool>());

        var covered = (await ReadAsync(await AboutAsync(cook, "diner", diner, "urgent", "Edna had fallen in the hall"), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var aboutCook = (await ReadAsync(await AboutAsync(scenario.Referrer, "cook", cookId, "urgent", "The cook shouted at Edna"), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Coordinator.DeleteAsync($"/api/v1/duty/{shift["id"]}")).StatusCode);
        var gap = (await ReadAsync(await AboutAsync(cook, "diner", diner, "urgent", "Edna was cold and confused"), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        var alerts = await app.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.UrgentConcern
            && (n.SubjectId == covered || n.SubjectId == aboutCook || n.SubjectId == gap)).ToListAsync());
        string[] Staff(Guid concern) => [.. alerts.Where(n => n.SubjectId == concern && n.RecipientRole == RecipientRole.Coordinator).Select(n => n.Destination!).Order()];
        Assert.Equal([onDutyEmail], Staff(covered));
        Assert.Equal([onDutyEmail], Staff(aboutCook));
        Assert.Equal(new[] { onDutyEmail, scenario.CoordinatorEmail }.Order(), Staff(gap));
        Assert.Equal(2, alerts.Count(n => n.RecipientRole == RecipientRole.NominatedContact && n.Destination == contactPhone));
        Assert.DoesNotContain(alerts, n => n.SubjectId == aboutCook && n.RecipientRole == RecipientRole.NominatedContact);
        Assert.All(alerts, n => Assert.True(n.Urgent));
    }

    [Fact]
    public async Task A_duty_shift_must_name_a_coordinator_of_the_council_and_end_after_it_starts()
    {
        var scenario = await Scenario.StartAsync(app);
        var other = await Scenario.StartAsync(app);
        var now = app.Clock.Now;

        await ProblemAsync(await scenario.Coordinator.PostAsJsonAsync("/api/v1/duty",
            new { coordinatorEmail = scenario.CoordinatorEmail, starts = now.AddHours(4), ends = now.AddHours(2) }), HttpStatusCode.BadRequest);
        await ProblemAsync(await scenario.Coordinator.PostAsJsonAsync("/api/v1/duty",
            new { coordinatorEmail = scenario.CoordinatorEmail, starts = now, ends = now.AddDays(15) }), HttpStatusCode.BadRequest);
        await ProblemAsync(await scenario.Coordinator.PostAsJsonAsync("/api/v1/duty",
            new { coordinatorEmail = other.CoordinatorEmail, starts = now, ends = now.AddHours(8) }), HttpStatusCode.UnprocessableEntity);
        await ProblemAsync(await scenario.Coordinator.PostAsJsonAsync("/api/v1/duty",
            new { coordinatorEmail = scenario.CoordinatorEmail, starts = "tomorrow", ends = now.AddHours(8) }), HttpStatusCode.BadRequest);
        var later = await ReadAsync(await scenario.Coordinator.PostAsJsonAsync("/api/v1/duty",
            new { coordinatorEmail = scenario.CoordinatorEmail, starts = now.AddDays(1), ends = now.AddDays(1).AddHours(8) }), HttpStatusCode.Created);

        Assert.False(later["onDutyNow"]!.GetValue<bool>());
        var rota = (await scenario.Coordinator.GetFromJsonAsync<JsonArray>("/api/v1/duty"))!;
        Assert.Equal([later["id"]!.GetValue<Guid>()], rota.Select(s => s!["id"]!.GetValue<Guid>()));
        Assert.Empty((await other.Coordinator.GetFromJsonAsync<JsonArray>("/api/v1/duty"))!);
    }

    private static Task<HttpResponseMessage> AboutAsync(HttpClient by, string subjectType, Guid subjectId, string severity, string description) =>
        by.PostAsJsonAsync("/api/v1/concerns", new { subjectType, subjectId, severity, description });

    private static async Task<Guid> RaiseAsync(HttpClient cook, Guid booking, string severity, string description) =>
        (await ReadAsync(await cook.PostAsJsonAsync($"/api/v1/bookings/{booking}/concerns", new { severity, description })))["concernId"]!.GetValue<Guid>();
}

public sealed class ConcernsOnSqlite(SqliteApp app) : ConcernTests(app), IClassFixture<SqliteApp>;

public sealed class ConcernsOnPostgres(PostgresApp app) : ConcernTests(app), IClassFixture<PostgresApp>;
