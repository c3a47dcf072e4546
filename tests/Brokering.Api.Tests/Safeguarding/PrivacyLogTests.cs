using System.Net;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Safeguarding;

/// <summary>Logs carry ids, kinds and error codes; names, numbers, addresses and what people wrote never reach them.</summary>
public abstract class PrivacyLogTests(BrokeringApp app)
{
    private static readonly string[] Personal = ["Quartermaine", "900417", "900418", "Larkspur", "philomena.q@", "ottoline.marker@", "Zebedee fell"];

    [Fact]
    public async Task A_diners_whole_journey_with_failures_and_erasure_leaves_nothing_personal_in_the_logs()
    {
        var s = await StartAsync(app);
        var email = "ottoline.marker@example.test";
        await ReadAsync(await app.CreateClient().PostAsJsonAsync("/api/v1/accounts/register",
            new { email, password = Password, displayName = "Ottoline", councilId = s.CouncilId }), HttpStatusCode.Created);
        await app.CreateClient().PostAsJsonAsync("/api/v1/accounts/login", new { email, password = "wrong-Passw0rd!" });
        var (cook, _) = await s.ApprovedCookAsync();
        var diner = await ReadAsync(await s.Referrer.PostAsJsonAsync("/api/v1/diners", new
        {
            firstName = "Zebedee", lastName = "Quartermaine", latitude = 51.505, longitude = -0.1, allergens = Array.Empty<string>(),
            diets = Array.Empty<string>(), contactChannel = "sms", phone = "07700 900417", address = "17 Larkspur Terrace",
            nominatedContact = new { name = "Philomena Quartermaine", phone = "07700 900418", relationship = "daughter", email = "philomena.q@example.test" },
            consent = new { given = true },
        }), HttpStatusCode.Created);
        var dinerId = diner["id"]!.GetValue<Guid>();
        await ProblemAsync(await s.Referrer.PostAsJsonAsync("/api/v1/diners", new
        {
            firstName = "Zebedee", lastName = "Quartermaine", latitude = 951.0, longitude = -0.1, contactChannel = "sms", phone = "07700 900417",
            consent = new { given = true },
        }), HttpStatusCode.BadRequest);
        await ReadAsync(await s.Coordinator.PostAsync($"/api/v1/diners/{dinerId}/approve", null));
        var booking = (await ReadAsync(await s.BookAsync(await s.OfferAsync(cook), dinerId), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        await ReadAsync(await cook.PostAsJsonAsync("/api/v1/concerns",
            new { subjectType = "booking", subjectId = booking, severity = "urgent", description = "Zebedee fell in the hall" }), HttpStatusCode.Created);
        await ReadAsync(await cook.PostAsync($"/api/v1/bookings/{booking}/no-answer", null));
        app.Providers.NotifyFails("sms", 400, """{"status_code":400,"errors":[{"error":"BadRequestError","message":"Can't send to this recipient using a team-only API key"}]}""", times: 1);
        app.Providers.NotifyFails("sms", 500, """{"status_code":500,"errors":[{"error":"Exception","message":"Internal server error"}]}""", times: 1);
        await app.DispatchAsync();
        await app.DispatchAsync();
        await ReadAsync(await s.Coordinator.PostAsJsonAsync($"/api/v1/diners/{dinerId}/erase", new { confirmName = "Zebedee Quartermaine" }));

        var leaks = app.Logs.Lines.Where(line => Personal.Any(p => line.Contains(p, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, "Personal data in the logs:\n" + string.Join("\n", leaks.Take(10)));
        Assert.Contains(app.Logs.Lines, line => line.Contains(booking.ToString(), StringComparison.Ordinal) || line.Contains("Notify", StringComparison.Ordinal));
    }
}

public sealed class PrivacyLogsOnSqlite(SqliteApp app) : PrivacyLogTests(app), IClassFixture<SqliteApp>;

public sealed class PrivacyLogsOnPostgres(PostgresApp app) : PrivacyLogTests(app), IClassFixture<PostgresApp>;
