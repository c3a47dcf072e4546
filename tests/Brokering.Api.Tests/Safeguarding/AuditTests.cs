using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Brokering.Api.Tests.Support;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Safeguarding;

/// <summary>Every read or change of a person's record is written down: who, when, what and why.</summary>
public abstract class AuditTests(BrokeringApp app)
{
    [Fact]
    public async Task Reading_and_changing_a_diners_record_is_logged_with_who_and_why_and_an_admin_can_export_it()
    {
        var scenario = await Scenario.StartAsync(app);
        var diner = await scenario.DinerAsync(approve: false);
        var read = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/diners/{diner}");
        read.Headers.Add("X-Access-Reason", "welfare call after a missed meal");
        Assert.Equal(HttpStatusCode.OK, (await scenario.Coordinator.SendAsync(read)).StatusCode);
        await ReadAsync(await scenario.Coordinator.PostAsync($"/api/v1/diners/{diner}/approve", null));
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Coordinator.GetAsync($"/api/v1/diners/{Guid.NewGuid()}")).StatusCode);

        var entries = (await (await scenario.Admin.GetAsync($"/api/v1/audit?subjectId={diner}")).Content.ReadFromJsonAsync<JsonArray>())!;
        var coordinator = (await ReadAsync(await scenario.Coordinator.GetAsync("/api/v1/accounts/me")))["id"]!.GetValue<string>();
        var referrer = (await ReadAsync(await scenario.Referrer.GetAsync("/api/v1/accounts/me")))["id"]!.GetValue<string>();
        var seen = entries.Select(e => (e!["userId"]!.GetValue<string>(), e["action"]!.GetValue<string>(), e["why"]!.GetValue<string>())).ToList();
        Assert.Contains((coordinator, "read", "welfare call after a missed meal"), seen);
        Assert.Contains((coordinator, "changed", "ApproveDiner"), seen);
        Assert.Contains((referrer, "changed", "ReferDiner"), seen);
        Assert.Equal(3, seen.Count);

        var csv = await scenario.Admin.GetAsync($"/api/v1/audit?subjectId={diner}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Trim().Split('\n');
        Assert.Equal("at,user_id,council_id,action,subject_type,subject_id,why", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.Coordinator.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task A_cook_reading_their_own_record_is_logged_too_and_the_log_holds_no_names()
    {
        var scenario = await Scenario.StartAsync(app);
        var (cook, cookId) = await scenario.ApprovedCookAsync();
        await ReadAsync(await cook.GetAsync($"/api/v1/cooks/{cookId}"));

        var entries = (await (await scenario.Admin.GetAsync($"/api/v1/audit?subjectId={cookId}")).Content.ReadFromJsonAsync<JsonArray>())!;
        Assert.Contains(entries, e => e!["action"]!.GetValue<string>() == "read" && e["why"]!.GetValue<string>() == "GetCook");
        Assert.Contains(entries, e => e!["why"]!.GetValue<string>() == "ApproveCook");
        Assert.DoesNotContain("Pat", entries.ToJsonString(), StringComparison.Ordinal);
    }
}

public sealed class AuditOnSqlite(SqliteApp app) : AuditTests(app), IClassFixture<SqliteApp>;

public sealed class AuditOnPostgres(PostgresApp app) : AuditTests(app), IClassFixture<PostgresApp>;
