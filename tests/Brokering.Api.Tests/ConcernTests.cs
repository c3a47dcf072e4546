using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Brokering.Api.Tests.Support;
using Brokering.Data.Jobs;
using Brokering.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests;

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
        try
        {
            app.Clock.Now = raisedAt.AddMinutes(59);
            var early = await escalation.EscalateOverdueAsync(CancellationToken.None);
            app.Clock.Now = raisedAt.AddMinutes(61);
            var due = await escalation.EscalateOverdueAsync(CancellationToken.None);
            var again = await escalation.EscalateOverdueAsync(CancellationToken.None);

            Assert.Equal((0, 0), (early, again));
            Assert.Equal(1, due);
            var messages = await app.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.ConcernEscalated
                && (n.SubjectId == ignored || n.SubjectId == seen || n.SubjectId == routine)).ToListAsync());
            Assert.All(messages, n => Assert.Equal(ignored, n.SubjectId));
            Assert.All(messages, n => Assert.True(n.Urgent));
            Assert.Contains(messages, n => n.Destination == BrokeringApp.AdminEmail);
            Assert.Equal(2, messages.Count); // the council's coordinator and the admin
        }
        finally
        {
            app.Clock.Now = raisedAt;
        }
    }

    private static async Task<Guid> RaiseAsync(HttpClient cook, Guid booking, string severity, string description) =>
        (await ReadAsync(await cook.PostAsJsonAsync($"/api/v1/bookings/{booking}/concerns", new { severity, description })))["concernId"]!.GetValue<Guid>();
}

public sealed class ConcernsOnSqlite(SqliteApp app) : ConcernTests(app), IClassFixture<SqliteApp>;

public sealed class ConcernsOnPostgres(PostgresApp app) : ConcernTests(app), IClassFixture<PostgresApp>;
