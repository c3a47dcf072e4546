using System.Net;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;
using Brokering.Domain.Notifications;
using Brokering.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Notifications;

/// <summary>
/// Messages leave through the outbox: written with the change, then sent by the worker's
/// dispatcher to GOV.UK Notify and SendGrid fakes that check what arrives as the real ones would.
/// </summary>
public abstract class NotificationTests(BrokeringApp app)
{
    private const string Sms = "/v2/notifications/sms";
    private const string Letter = "/v2/notifications/letter";
    private const string Mail = "/v3/mail/send";

    [Fact]
    public async Task A_confirmed_booking_texts_the_diner_through_Notify_and_emails_the_cook_through_SendGrid()
    {
        var (scenario, cook, offer) = await StartAsync();
        var phone = Mobile();
        var diner = await scenario.DinerAsync(channel: "sms", phone: phone);
        await ReadAsync(await scenario.BookAsync(offer, diner), HttpStatusCode.Created);
        await DrainAsync();

        var text = Assert.Single(app.Providers.SentTo(Sms, "phone_number", phone));
        var row = await RowAsync(NotificationKind.BookingConfirmed, diner.ToString());
        Assert.Equal(row.Id.ToString(), text.Body["reference"]!.GetValue<string>());
        Assert.Equal(FakeProviders.SmsTemplateId, text.Body["template_id"]!.GetValue<string>());
        var body = text.Body["personalisation"]!["body"]!.GetValue<string>();
        Assert.Contains($"Hello Edna. Pat will bring you Shepherd's pie on {DeliveryDay} between 12:00 and 13:30.", body);
        FakeProviders.VerifyNotifyToken(text.Headers["Authorization"].Single());
        Assert.Equal(NotificationStatus.Sent, row.Status);
        Assert.NotNull(row.ProviderReference);

        var email = Assert.Single(app.Providers.SentTo(Mail, "to", await CookEmailAsync(cook)),
            m => m.Body["subject"]!.GetValue<string>() == $"Meal booked for {DeliveryDay}");
        Assert.Equal($"Bearer {FakeProviders.SendGridKey}", email.Headers["Authorization"].Single());
        Assert.Equal(FakeProviders.FromEmail, email.Body["from"]!["email"]!.GetValue<string>());
        Assert.Equal("text/plain", email.Body["content"]![0]!["type"]!.GetValue<string>());
        Assert.Contains("Edna would like a portion of your Shepherd's pie", email.Body["content"]![0]!["value"]!.GetValue<string>());
        var cookRow = await RowAsync(NotificationKind.BookingConfirmed, cook.ToString());
        Assert.Equal(cookRow.Id.ToString(), email.Body["custom_args"]!["notification_id"]!.GetValue<string>());
        Assert.StartsWith("sg-", cookRow.ProviderReference);
    }

    [Fact]
    public async Task Reminders_go_out_at_ten_the_day_before_and_a_cancellation_withdraws_them_and_tells_both_sides()
    {
        var (scenario, cook, offer) = await StartAsync();
        var phone = Mobile();
        var diner = await scenario.DinerAsync(channel: "sms", phone: phone);
        var booking = (await ReadAsync(await scenario.BookAsync(offer, diner), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        await DrainAsync();

        var reminder = await RowAsync(NotificationKind.DeliveryReminder, diner.ToString());
        // Ten in the morning UK time is ten UTC: this class's clock stays in winter.
        Assert.Equal(new DateTimeOffset(_delivery.AddDays(-1).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), reminder.DueAt);
        Assert.Equal(NotificationStatus.Pending, reminder.Status);
        Assert.Single(app.Providers.SentTo(Sms, "phone_number", phone));

        await ReadAsync(await scenario.Coordinator.PostAsJsonAsync($"/api/v1/bookings/{booking}/cancel", new { reason = "the cook is unwell" }));
        Assert.Equal(NotificationStatus.Cancelled, (await RowAsync(NotificationKind.DeliveryReminder, diner.ToString())).Status);
        Assert.Equal(NotificationStatus.Cancelled, (await RowAsync(NotificationKind.DeliveryReminder, cook.ToString())).Status);
        app.Clock.SetUtcNow(reminder.DueAt);
        await DrainAsync();

        var texts = app.Providers.SentTo(Sms, "phone_number", phone);
        Assert.Equal(2, texts.Count);
        Assert.Contains("has been cancelled: the cook is unwell", texts[1].Body["personalisation"]!["body"]!.GetValue<string>());
        Assert.Contains(app.Providers.SentTo(Mail, "to", await CookEmailAsync(cook)),
            m => m.Body["subject"]!.GetValue<string>() == $"Booking on {DeliveryDay} cancelled");
        Assert.DoesNotContain(texts, t => t.Body["personalisation"]!["body"]!.GetValue<string>().Contains("reminder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_diner_reached_by_letter_gets_one_addressed_line_by_line()
    {
        var (scenario, _, offer) = await StartAsync();
        var diner = await scenario.DinerAsync(channel: "letter", phone: null, address: $"Flat {Random.Shared.Next(1, 9999)}, 4 Mill Lane, Leeds, LS1 4AB");
        await ReadAsync(await scenario.BookAsync(offer, diner), HttpStatusCode.Created);
        await DrainAsync();

        var row = await RowAsync(NotificationKind.BookingConfirmed, diner.ToString());
        var letter = Assert.Single(app.Providers.Requests(Letter), e => e.RequestMessage!.Body!.Contains(row.Id.ToString(), StringComparison.Ordinal));
        var body = System.Text.Json.Nodes.JsonNode.Parse(letter.RequestMessage!.Body!)!;
        Assert.Equal(FakeProviders.LetterTemplateId, body["template_id"]!.GetValue<string>());
        Assert.Equal(row.Id.ToString(), body["reference"]!.GetValue<string>());
        var personalisation = body["personalisation"]!;
        Assert.StartsWith("Flat ", personalisation["address_line_1"]!.GetValue<string>());
        Assert.Equal("4 Mill Lane", personalisation["address_line_2"]!.GetValue<string>());
        Assert.Equal("Leeds", personalisation["address_line_3"]!.GetValue<string>());
        Assert.Equal("LS1 4AB", personalisation["address_line_4"]!.GetValue<string>());
        Assert.Equal($"Your meal on {DeliveryDay}", personalisation["subject"]!.GetValue<string>());
        FakeProviders.VerifyNotifyToken(letter.RequestMessage.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task A_diner_reached_by_phone_goes_on_the_call_list_with_what_to_say_and_is_marked_called()
    {
        var (scenario, _, offer) = await StartAsync();
        var phone = $"01632 {Random.Shared.Next(100000, 999999)}";
        var diner = await scenario.DinerAsync(channel: "phone", phone: phone);
        await ReadAsync(await scenario.BookAsync(offer, diner), HttpStatusCode.Created);
        await DrainAsync();

        Assert.Empty(app.Providers.SentTo(Sms, "phone_number", phone));
        var calls = await ListAsync(scenario, "to-call");
        var call = Assert.Single(calls, c => c["recipientId"]!.GetValue<string>() == diner.ToString() && c["kind"]!.GetValue<string>() == "booking-confirmed");
        Assert.Equal(phone, call["to"]!.GetValue<string>());
        Assert.Contains("Pat will bring you Shepherd's pie", call["message"]!.GetValue<string>());

        var id = call["id"]!.GetValue<Guid>();
        Assert.Equal("called", (await ReadAsync(await scenario.Coordinator.PostAsync($"/api/v1/notifications/{id}/called", null)))["status"]!.GetValue<string>());
        await ProblemAsync(await scenario.Coordinator.PostAsync($"/api/v1/notifications/{id}/called", null), HttpStatusCode.Conflict);
        var other = await Scenario.StartAsync(app);
        await ProblemAsync(await other.Coordinator.PostAsync($"/api/v1/notifications/{id}/retry", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_server_error_is_retried_later_under_the_same_reference_and_a_rate_limit_waits_as_long_as_asked()
    {
        var (scenario, _, offer) = await StartAsync();
        var phone = Mobile();
        var diner = await scenario.DinerAsync(channel: "sms", phone: phone);
        app.Providers.NotifyFails("sms", 500, """{"errors":[{"error":"Exception","message":"Internal server error"}],"status_code":500}""", times: 1);
        await ReadAsync(await scenario.BookAsync(offer, diner), HttpStatusCode.Created);
        await DrainAsync();

        var waiting = await RowAsync(NotificationKind.BookingConfirmed, diner.ToString());
        Assert.Equal(NotificationStatus.Pending, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Equal("Notify 500: Exception: Internal server error", waiting.LastError);
        // The first retry waits between half and all of the 30-second base delay.
        Assert.InRange(waiting.DueAt - app.Clock.Now, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
        Assert.Equal(0, await app.DispatchAsync());

        app.Providers.NotifyFails("sms", 429, """{"errors":[{"error":"RateLimitError","message":"Exceeded rate limit"}],"status_code":429}""", times: 1,
            ("Retry-After", "600"));
        app.Clock.SetUtcNow(waiting.DueAt);
        await DrainAsync();
        var limited = await RowAsync(NotificationKind.BookingConfirmed, diner.ToString());
        Assert.Equal(2, limited.Attempts);
        Assert.Equal(waiting.DueAt.AddSeconds(600), limited.DueAt);

        app.Clock.SetUtcNow(limited.DueAt);
        await DrainAsync();
        var sent = await RowAsync(NotificationKind.BookingConfirmed, diner.ToString());
        Assert.Equal(NotificationStatus.Sent, sent.Status);
        var tries = app.Providers.SentTo(Sms, "phone_number", phone);
        Assert.Equal(3, tries.Count);
        Assert.All(tries, t => Assert.Equal(sent.Id.ToString(), t.Body["reference"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_invalid_number_is_parked_as_failed_for_coordinators_never_retried_by_itself_and_can_be_sent_again_once_fixed()
    {
        var (scenario, _, offer) = await StartAsync();
        var phone = Mobile();
        var diner = await scenario.DinerAsync(channel: "sms", phone: phone);
        app.Providers.NotifyFails("sms", 400,
            """{"errors":[{"error":"ValidationError","message":"phone_number Not a UK mobile number"}],"status_code":400}""", times: 1);
        await ReadAsync(await scenario.BookAsync(offer, diner), HttpStatusCode.Created);
        await DrainAsync();

        var failed = Assert.Single(await ListAsync(scenario, "failed"), n => n["recipientId"]!.GetValue<string>() == diner.ToString());
        Assert.Equal("Notify 400: ValidationError: phone_number Not a UK mobile number", failed["lastError"]!.GetValue<string>());
        Assert.Equal(phone, failed["to"]!.GetValue<string>());
        app.Clock.Advance(TimeSpan.FromDays(1));
        await DrainAsync();
        Assert.Single(app.Providers.SentTo(Sms, "phone_number", phone));

        var id = failed["id"]!.GetValue<Guid>();
        Assert.Equal("pending", (await ReadAsync(await scenario.Coordinator.PostAsync($"/api/v1/notifications/{id}/retry", null)))["status"]!.GetValue<string>());
        await DrainAsync();
        Assert.Equal(2, app.Providers.SentTo(Sms, "phone_number", phone).Count);
        Assert.Equal(NotificationStatus.Sent, (await RowAsync(NotificationKind.BookingConfirmed, diner.ToString())).Status);
        await ProblemAsync(await scenario.Coordinator.GetAsync("/api/v1/notifications?status=lost"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_provider_that_keeps_failing_is_given_up_on_after_the_configured_attempts_and_the_message_is_parked()
    {
        var (scenario, _, offer) = await StartAsync();
        var phone = Mobile();
        var diner = await scenario.DinerAsync(channel: "sms", phone: phone);
        app.Providers.NotifyFails("sms", 503, """{"errors":[{"error":"Exception","message":"Service unavailable"}],"status_code":503}""", times: 5);
        await ReadAsync(await scenario.BookAsync(offer, diner), HttpStatusCode.Created);
        var booked = app.Clock.Now;
        for (var pass = 0; pass < 5; pass++)
        {
            app.Clock.SetUtcNow(booked.AddHours(2 * pass));
            await DrainAsync();
        }

        var parked = await RowAsync(NotificationKind.BookingConfirmed, diner.ToString());
        Assert.Equal(NotificationStatus.Failed, parked.Status);
        Assert.Equal(3, parked.Attempts);
        Assert.Equal(3, app.Providers.SentTo(Sms, "phone_number", phone).Count);
        app.Providers.Reset();
    }

    [Fact]
    public async Task No_answer_at_the_door_alerts_the_coordinators_and_the_nominated_contact_ahead_of_routine_messages()
    {
        var (scenario, _, offer) = await StartAsync(portions: 6);
        var contactPhone = Mobile();
        var diner = await scenario.DinerAsync(channel: "sms", phone: Mobile(),
            nominatedContact: new { name = "Sam Smith", phone = contactPhone, relationship = "son" });
        var booking = (await ReadAsync(await scenario.BookAsync(offer, diner), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        await DrainAsync();
        for (var i = 0; i < 4; i++)
        {
            await ReadAsync(await scenario.BookAsync(offer, await scenario.DinerAsync(channel: "sms", phone: Mobile())), HttpStatusCode.Created);
        }

        await ReadAsync(await scenario.Coordinator.PostAsync($"/api/v1/bookings/{booking}/no-answer", null));

        // One message per pass: the two alerts must leave before any of the eight routine ones written earlier.
        var oneAtATime = ActivatorUtilities.CreateInstance<NotificationDispatcher>(app.Services,
            Options.Create(new NotificationOptions { BatchSize = 1 }));
        await oneAtATime.DispatchOnceAsync(CancellationToken.None);
        await oneAtATime.DispatchOnceAsync(CancellationToken.None);
        var sent = await app.WithDbAsync(db => db.Notifications.Where(n => n.CouncilId == scenario.CouncilId && n.Status == NotificationStatus.Sent
            && n.Kind != NotificationKind.CookApproved && n.SubjectId != null).ToListAsync());
        var alerts = sent.Where(n => n.Kind == NotificationKind.NoAnswerAlert).ToList();
        Assert.Equal(2, alerts.Count);
        Assert.Contains(alerts, n => n.RecipientRole == RecipientRole.Coordinator && n.Channel == NotificationChannel.Email);
        Assert.Contains(alerts, n => n.RecipientRole == RecipientRole.NominatedContact && n.Destination == contactPhone);
        Assert.All(alerts, n => Assert.True(n.Urgent));
        Assert.Equal(4, sent.Count); // and the first booking's two confirmations, sent before the routine ones were written

        var text = Assert.Single(app.Providers.SentTo(Sms, "phone_number", contactPhone));
        Assert.Contains("Hello Sam. Our volunteer got no answer when bringing Edna's meal", text.Body["personalisation"]!["body"]!.GetValue<string>());
        Assert.Equal(NotificationStatus.Cancelled, (await RowAsync(NotificationKind.DeliveryReminder, diner.ToString())).Status);
        await DrainAsync();
    }

    [Fact]
    public async Task An_urgent_concern_from_the_cook_alerts_the_coordinators_and_the_nominated_contact_and_a_routine_one_alerts_nobody()
    {
        await DrainAsync();
        var scenario = await Scenario.StartAsync(app);
        var (cook, _) = await scenario.ApprovedCookAsync();
        var offer = await scenario.OfferAsync(cook, portions: 2, deliveryDate: app.Clock.Today.AddDays(3));
        var contactPhone = Mobile();
        var diner = await scenario.DinerAsync(channel: "sms", phone: Mobile(),
            nominatedContact: new { name = "Sam Smith", phone = contactPhone, relationship = "son" });
        var booking = (await ReadAsync(await scenario.BookAsync(offer, diner), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        await DrainAsync();

        var routine = await ReadAsync(await cook.PostAsJsonAsync($"/api/v1/bookings/{booking}/concerns",
            new { severity = "routine", description = "Edna mentioned she has been feeling lonely." }));
        var urgent = await ReadAsync(await cook.PostAsJsonAsync($"/api/v1/bookings/{booking}/concerns",
            new { severity = "urgent", description = "Edna seemed confused and had a fall yesterday." }));
        var unknown = await cook.PostAsJsonAsync($"/api/v1/bookings/{booking}/concerns", new { severity = "soon", description = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var concerns = await app.WithDbAsync(db => db.Concerns.Where(c => c.BookingId == booking).ToListAsync());
        Assert.Equal(2, concerns.Count);
        Assert.Contains(concerns, c => c.Id == routine["concernId"]!.GetValue<Guid>() && c.Severity == Domain.Concerns.ConcernSeverity.Routine);
        Assert.Contains(concerns, c => c.Id == urgent["concernId"]!.GetValue<Guid>() && c.Severity == Domain.Concerns.ConcernSeverity.Urgent);
        var urgentId = urgent["concernId"]!.GetValue<Guid>();
        var alerts = await app.WithDbAsync(db => db.Notifications.Where(n => n.SubjectId == urgentId && n.Kind == NotificationKind.UrgentConcern).ToListAsync());
        Assert.Equal(2, alerts.Count);
        Assert.All(alerts, n => Assert.True(n.Urgent));
        Assert.Contains(alerts, n => n.RecipientRole == RecipientRole.Coordinator);
        Assert.Contains(alerts, n => n.RecipientRole == RecipientRole.NominatedContact && n.Destination == contactPhone);
        await DrainAsync();
        var text = Assert.Single(app.Providers.SentTo(Sms, "phone_number", contactPhone));
        Assert.Contains("Hello Sam. Someone who helps with Edna's meals is worried about them", text.Body["personalisation"]!["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sent_messages_lose_their_words_and_address_after_the_councils_retention_and_unsent_ones_keep_them()
    {
        var (scenario, cook, offer) = await StartAsync();
        var policy = new { requiredChecks = AllChecks, maxTravelKm = 5, messageRetentionDays = 30 };
        Assert.Equal(30, (await ReadAsync(await scenario.Admin.PutAsJsonAsync($"/api/v1/councils/{scenario.CouncilId}/policy", policy)))["messageRetentionDays"]!.GetValue<int>());
        var diner = await scenario.DinerAsync(channel: "sms", phone: Mobile());
        await ReadAsync(await scenario.BookAsync(offer, diner), HttpStatusCode.Created);
        await DrainAsync();
        var retention = app.Services.GetRequiredService<MessageRetention>();

        var sent = app.Clock.Now;
        app.Clock.SetUtcNow(sent.AddDays(29));
        await retention.EraseExpiredAsync(CancellationToken.None);
        Assert.NotNull((await RowAsync(NotificationKind.BookingConfirmed, diner.ToString())).Destination);

        app.Clock.SetUtcNow(sent.AddDays(31));
        await retention.EraseExpiredAsync(CancellationToken.None);
        var erased = await RowAsync(NotificationKind.BookingConfirmed, diner.ToString());
        Assert.Null(erased.Destination);
        Assert.Empty(erased.FieldValues());
        Assert.NotNull(erased.ErasedAt);
        Assert.Equal(NotificationStatus.Sent, erased.Status);
        Assert.Null((await RowAsync(NotificationKind.BookingConfirmed, cook.ToString())).Destination);
        // The reminder has not gone yet (it is for the day before delivery), so it keeps what it needs.
        Assert.NotNull((await RowAsync(NotificationKind.DeliveryReminder, diner.ToString())).Destination);
    }

    /// <summary>The delivery day of the offer <see cref="StartAsync"/> made, as messages write it.</summary>
    private string DeliveryDay => _delivery.ToString("dddd d MMMM", System.Globalization.CultureInfo.InvariantCulture);

    private DateOnly _delivery;

    /// <summary>A council with an approved cook and an offer three days on; the clock only moves forward, so dates are counted from now.</summary>
    private async Task<(Scenario Scenario, Guid Cook, Guid Offer)> StartAsync(int portions = 3)
    {
        await DrainAsync();
        var scenario = await Scenario.StartAsync(app);
        var (cookClient, cook) = await scenario.ApprovedCookAsync();
        _delivery = app.Clock.Today.AddDays(3);
        var offer = await scenario.OfferAsync(cookClient, portions: portions, deliveryDate: _delivery);
        return (scenario, cook, offer);
    }

    private async Task DrainAsync()
    {
        while (await app.DispatchAsync() > 0)
        {
        }
    }

    private Task<Notification> RowAsync(NotificationKind kind, string recipientId) =>
        app.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Kind == kind && n.RecipientId == recipientId));

    private Task<string> CookEmailAsync(Guid cook) => app.WithDbAsync(db =>
        (from c in db.Cooks join u in db.Users on c.UserId equals u.Id where c.Id == cook select u.Email!).SingleAsync());

    private static async Task<List<System.Text.Json.Nodes.JsonNode>> ListAsync(Scenario scenario, string status)
    {
        var response = await scenario.Coordinator.GetAsync($"/api/v1/notifications?status={status}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(n => n!)];
    }

    private static string Mobile() => $"07700 9{Random.Shared.Next(0, 99999):D5}";
}

public sealed class NotificationsOnSqlite(SqliteApp app) : NotificationTests(app), IClassFixture<SqliteApp>;

public sealed class NotificationsOnPostgres(PostgresApp app) : NotificationTests(app), IClassFixture<PostgresApp>;
