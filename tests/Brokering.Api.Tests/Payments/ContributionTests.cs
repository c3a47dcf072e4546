using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Brokering.Api.Tests.Support;
using Brokering.Domain.Contributions;
using Brokering.Domain.Notifications;
using Brokering.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Payments;

/// <summary>Meal contributions by card, against a WireMock.Net Stripe that speaks Stripe's form-encoded API and signed webhooks.</summary>
public abstract class ContributionTests(BrokeringApp app)
{
    private const string Webhook = "/api/v1/payments/stripe/webhook";

    [Fact]
    public async Task A_meal_under_a_contribution_policy_gets_one_Stripe_payment_page_whose_link_goes_to_the_diner_and_their_contact()
    {
        var (s, cook) = await CouncilAskingAsync(3.50m);
        var contactPhone = "07700 900345";
        var diner = await s.DinerAsync(channel: "sms", phone: "07700 900344", nominatedContact: new { name = "Sam Smith", phone = contactPhone, relationship = "son" });
        var booking = await BookAsync(s, cook, diner);
        Assert.Equal(ContributionStatus.Due, (await ContributionAsync(booking)).Status);

        await SettleAsync();
        await SettleAsync();

        var sent = Assert.Single(StripeCalls("/v1/checkout/sessions"), c => c.Form["metadata[booking_id]"] == booking.ToString());
        Assert.Equal($"Bearer {FakeProviders.StripeKey}", sent.Headers["Authorization"]);
        Assert.StartsWith("application/x-www-form-urlencoded", sent.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal($"checkout-{booking}", sent.Headers["Idempotency-Key"]);
        Assert.Equal(("payment", "gbp", "350", "1"), (sent.Form["mode"], sent.Form["line_items[0][price_data][currency]"],
            sent.Form["line_items[0][price_data][unit_amount]"], sent.Form["line_items[0][quantity]"]));
        Assert.Equal(booking.ToString(), sent.Form["payment_intent_data[metadata][booking_id]"]);
        var contribution = await ContributionAsync(booking);
        Assert.Equal(ContributionStatus.Requested, contribution.Status);
        Assert.StartsWith("https://checkout.stripe.com/c/pay/cs_test_", contribution.CheckoutUrl, StringComparison.Ordinal);
        var asked = await app.WithDbAsync(db => db.Notifications.Where(n => n.SubjectId == booking && n.Kind == NotificationKind.ContributionRequested).ToListAsync());
        Assert.Equal([RecipientRole.Diner, RecipientRole.NominatedContact], asked.Select(n => n.RecipientRole).Order());
        Assert.All(asked, n => Assert.Equal((contribution.CheckoutUrl, "£3.50"),
            (JsonNode.Parse(n.Fields)!["link"]!.GetValue<string>(), JsonNode.Parse(n.Fields)!["amount"]!.GetValue<string>())));

        // A council that asks nothing makes no contribution at all.
        var free = await StartAsync(app);
        var (freeCook, _) = await free.ApprovedCookAsync();
        var freeBooking = await BookAsync(free, freeCook, await free.DinerAsync());
        Assert.False(await app.WithDbAsync(db => db.Contributions.AnyAsync(c => c.BookingId == freeBooking)));
    }

    [Fact]
    public async Task A_Stripe_outage_is_retried_under_the_same_idempotency_key_and_a_refusal_waits_for_a_coordinator()
    {
        var (s, cook) = await CouncilAskingAsync(2m);
        var retried = await BookAsync(s, cook, await s.DinerAsync());
        app.Providers.StripeFails("/v1/checkout/sessions", 503, """{"error":{"type":"api_error"}}""", times: 1);

        await SettleAsync();
        Assert.Equal((ContributionStatus.Due, null), await StatusAsync(retried));
        await SettleAsync();

        var attempts = StripeCalls("/v1/checkout/sessions").Where(c => c.Form["metadata[booking_id]"] == retried.ToString()).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal($"checkout-{retried}", a.Headers["Idempotency-Key"]));
        Assert.Equal(ContributionStatus.Requested, (await ContributionAsync(retried)).Status);

        var refused = await BookAsync(s, cook, await s.DinerAsync(latitude: 51.5051));
        app.Providers.StripeFails("/v1/checkout/sessions", 400, """{"error":{"type":"invalid_request_error","code":"amount_too_small","message":"Amount must be at least £0.30"}}""", times: 1);
        await SettleAsync();
        await SettleAsync();

        Assert.Equal((ContributionStatus.Due, "Stripe 400: invalid_request_error/amount_too_small"), await StatusAsync(refused));
        Assert.Single(StripeCalls("/v1/checkout/sessions"), c => c.Form["metadata[booking_id]"] == refused.ToString());
        var listed = (await s.Coordinator.GetFromJsonAsync<JsonArray>("/api/v1/contributions"))!;
        Assert.Contains(listed, c => c!["bookingId"]!.GetValue<Guid>() == refused && c["providerError"]!.GetValue<string>().Contains("amount_too_small", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_events_signed_as_Stripe_signs_them_count_each_once_and_a_late_failure_does_not_undo_a_payment()
    {
        var (s, cook) = await CouncilAskingAsync(3.50m);
        var booking = await BookAsync(s, cook, await s.DinerAsync());
        await SettleAsync();
        var session = (await ContributionAsync(booking)).CheckoutSessionId!;
        var eventId = $"evt_{Guid.NewGuid():N}";
        var paid = Event(eventId, "checkout.session.completed", new JsonObject
        {
            ["id"] = session, ["object"] = "checkout.session", ["payment_status"] = "paid", ["payment_intent"] = "pi_paid_1",
            ["metadata"] = new JsonObject { ["booking_id"] = booking.ToString() },
        });
        var now = app.Clock.Now;

        await ProblemAsync(await PostEventAsync(paid, signature: null), HttpStatusCode.BadRequest);
        await ProblemAsync(await PostEventAsync(paid, FakeProviders.StripeSignature(paid, now, "whsec_someone_else")), HttpStatusCode.BadRequest);
        await ProblemAsync(await PostEventAsync(paid, FakeProviders.StripeSignature(paid, now.AddMinutes(-6))), HttpStatusCode.BadRequest);
        await ProblemAsync(await PostEventAsync(paid.Replace("pi_paid_1", "pi_forged", StringComparison.Ordinal), FakeProviders.StripeSignature(paid, now)), HttpStatusCode.BadRequest);
        await ProblemAsync(await PostEventAsync(paid, $"t={now.ToUnixTimeSeconds()}"), HttpStatusCode.BadRequest);
        Assert.Equal(ContributionStatus.Requested, (await ContributionAsync(booking)).Status);
        Assert.False(await app.WithDbAsync(db => db.StripeEvents.AnyAsync(e => e.Id == eventId)));

        // While a secret is being rolled Stripe sends a signature for each: any one that matches will do.
        var rolled = $"{FakeProviders.StripeSignature(paid, now, "whsec_old")},v1={FakeProviders.StripeSignature(paid, now).Split("v1=")[1]}";
        var first = await ReadAsync(await PostEventAsync(paid, rolled));
        var replay = await ReadAsync(await PostEventAsync(paid, FakeProviders.StripeSignature(paid, now.AddMinutes(1))));
        var lateFailure = Event($"evt_{Guid.NewGuid():N}", "payment_intent.payment_failed", new JsonObject
        {
            ["id"] = "pi_paid_1", ["object"] = "payment_intent", ["metadata"] = new JsonObject { ["booking_id"] = booking.ToString() },
        });
        await ReadAsync(await PostEventAsync(lateFailure, FakeProviders.StripeSignature(lateFailure, now)));

        Assert.Equal((false, true), (first["duplicate"]!.GetValue<bool>(), replay["duplicate"]!.GetValue<bool>()));
        var contribution = await ContributionAsync(booking);
        Assert.Equal((ContributionStatus.Paid, "pi_paid_1"), (contribution.Status, contribution.PaymentIntentId));
        Assert.Equal(1, await app.WithDbAsync(db => db.StripeEvents.CountAsync(e => e.Id == eventId)));
    }

    [Fact]
    public async Task An_event_of_an_API_version_this_service_does_not_read_is_refused_with_the_version_to_set_and_changes_nothing()
    {
        var (s, cook) = await CouncilAskingAsync(3.50m);
        var booking = await BookAsync(s, cook, await s.DinerAsync());
        await SettleAsync();
        var eventId = $"evt_{Guid.NewGuid():N}";
        var paid = Event(eventId, "checkout.session.completed", new JsonObject
        {
            ["id"] = (await ContributionAsync(booking)).CheckoutSessionId, ["object"] = "checkout.session", ["payment_status"] = "paid",
            ["payment_intent"] = "pi_old_version", ["metadata"] = new JsonObject { ["booking_id"] = booking.ToString() },
        }, apiVersion: "2025-10-29.clover");

        var refused = await ProblemAsync(await PostEventAsync(paid, FakeProviders.StripeSignature(paid, app.Clock.Now)), HttpStatusCode.BadRequest);

        Assert.Contains("2025-10-29.clover", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(WebhookApiVersion, refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ContributionStatus.Requested, (await ContributionAsync(booking)).Status);
        Assert.False(await app.WithDbAsync(db => db.StripeEvents.AnyAsync(e => e.Id == eventId)));
        Assert.Contains(app.Logs.Lines, line => line.Contains(eventId, StringComparison.Ordinal) && line.Contains("2025-10-29.clover", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_a_paid_meal_refunds_it_once_and_cancelling_an_unpaid_one_closes_its_payment_page()
    {
        var (s, cook) = await CouncilAskingAsync(3.50m);
        var paidBooking = await BookAsync(s, cook, await s.DinerAsync());
        var unpaidBooking = await BookAsync(s, cook, await s.DinerAsync(latitude: 51.5051));
        await SettleAsync();
        await PayAsync(paidBooking, "pi_refund_me");
        var unpaidSession = (await ContributionAsync(unpaidBooking)).CheckoutSessionId!;

        foreach (var booking in new[] { paidBooking, unpaidBooking })
        {
            await ReadAsync(await s.Coordinator.PostAsJsonAsync($"/api/v1/bookings/{booking}/cancel", new { reason = "the cook is unwell" }));
        }

        await SettleAsync();
        await SettleAsync();

        var refund = Assert.Single(StripeCalls("/v1/refunds"), c => c.Form["metadata[booking_id]"] == paidBooking.ToString());
        Assert.Equal(("pi_refund_me", $"refund-{paidBooking}"), (refund.Form["payment_intent"], refund.Headers["Idempotency-Key"]));
        Assert.Equal(ContributionStatus.Refunded, (await ContributionAsync(paidBooking)).Status);
        Assert.Single(app.Providers.Requests($"/v1/checkout/sessions/{unpaidSession}/expire"));
        Assert.Equal(ContributionStatus.Cancelled, (await ContributionAsync(unpaidBooking)).Status);
    }

    [Fact]
    public async Task A_coordinator_waives_a_contribution_and_sees_outstanding_and_weekly_totals_and_a_cook_sees_no_payment_at_all()
    {
        var (s, cook) = await CouncilAskingAsync(3.50m);
        var paid = await BookAsync(s, cook, await s.DinerAsync());
        var waived = await BookAsync(s, cook, await s.DinerAsync(latitude: 51.5051));
        var owed = await BookAsync(s, cook, await s.DinerAsync(latitude: 51.5052));
        await SettleAsync();
        await PayAsync(paid, "pi_weekly");
        var waivedId = (await ContributionAsync(waived)).Id;

        await ProblemAsync(await s.Coordinator.PostAsJsonAsync($"/api/v1/contributions/{waivedId}/waive", new { reason = " " }), HttpStatusCode.BadRequest);
        var done = await ReadAsync(await s.Coordinator.PostAsJsonAsync($"/api/v1/contributions/{waivedId}/waive", new { reason = "Pension not paid until Friday" }));
        await ProblemAsync(await s.Coordinator.PostAsJsonAsync($"/api/v1/contributions/{(await ContributionAsync(paid)).Id}/waive", new { reason = "x" }), HttpStatusCode.Conflict);

        Assert.Equal(("waived", waived, s.DeliveryDate), (done["status"]!.GetValue<string>(), done["bookingId"]!.GetValue<Guid>(), DateOnly.Parse(done["deliveryDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotEqual(Guid.Empty, done["dinerId"]!.GetValue<Guid>());
        var outstanding = (await s.Coordinator.GetFromJsonAsync<JsonArray>("/api/v1/contributions"))!;
        Assert.Equal([owed], outstanding.Select(c => c!["bookingId"]!.GetValue<Guid>()));
        Assert.StartsWith("https://checkout.stripe.com/", outstanding[0]!["paymentLink"]!.GetValue<string>(), StringComparison.Ordinal);
        var weeks = (await s.Coordinator.GetFromJsonAsync<JsonArray>("/api/v1/contributions/weekly?weeks=4"))!;
        var week = weeks.Single(w => w!["paid"]!.GetValue<int>() > 0)!;
        Assert.Equal((350, 1, 1, 350, 1), (week["paidPence"]!.GetValue<int>(), week["paid"]!.GetValue<int>(), week["outstanding"]!.GetValue<int>(),
            week["outstandingPence"]!.GetValue<int>(), week["waived"]!.GetValue<int>()));
        await ProblemAsync(await s.Coordinator.GetAsync("/api/v1/contributions?status=lost"), HttpStatusCode.BadRequest);

        await ProblemAsync(await cook.GetAsync("/api/v1/contributions"), HttpStatusCode.Forbidden);
        var seenByCook = await (await cook.GetAsync($"/api/v1/bookings/{paid}")).Content.ReadAsStringAsync();
        // Judged value by value: an id's hex digits may hold "350" by chance.
        var cookSees = Leaves(JsonNode.Parse(seenByCook)).ToList();
        Assert.NotEmpty(cookSees);
        Assert.DoesNotContain(cookSees, leaf => leaf.Value is "350" or "3.50" or "3.5");
        Assert.DoesNotContain(cookSees, leaf => leaf.Name.Contains("pence", StringComparison.OrdinalIgnoreCase) || leaf.Name.Contains("contribution", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("pi_weekly", seenByCook, StringComparison.Ordinal);
        Assert.DoesNotContain("checkout", seenByCook, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every value in a JSON document, with the name of the property that holds it.</summary>
    private static IEnumerable<(string Name, string Value)> Leaves(JsonNode? node, string name = "") => node switch
    {
        JsonObject o => o.SelectMany(p => Leaves(p.Value, p.Key).Prepend((p.Key, ""))),
        JsonArray a => a.SelectMany(item => Leaves(item, name)),
        JsonValue v => [(name, v.ToJsonString().Trim('"'))],
        _ => [],
    };

    private async Task<(Scenario Scenario, HttpClient Cook)> CouncilAskingAsync(decimal amount)
    {
        var s = await StartAsync(app);
        await ReadAsync(await s.Admin.PutAsJsonAsync($"/api/v1/councils/{s.CouncilId}/policy",
            new { requiredChecks = AllChecks, maxTravelKm = 5, contributionAmount = amount }));
        var (cook, _) = await s.ApprovedCookAsync();
        return (s, cook);
    }

    private static async Task<Guid> BookAsync(Scenario s, HttpClient cook, Guid diner) =>
        (await ReadAsync(await s.BookAsync(await s.OfferAsync(cook, portions: 1), diner), HttpStatusCode.Created))["id"]!.GetValue<Guid>();

    private Task<int> SettleAsync() => ActivatorUtilities.CreateInstance<ContributionPayments>(app.Services).SettleOnceAsync(CancellationToken.None);

    private Task<Contribution> ContributionAsync(Guid booking) => app.WithDbAsync(db => db.Contributions.AsNoTracking().SingleAsync(c => c.BookingId == booking));

    private async Task<(ContributionStatus, string?)> StatusAsync(Guid booking)
    {
        var c = await ContributionAsync(booking);
        return (c.Status, c.LastError);
    }

    /// <summary>Stripe tells the service that the payment page for this booking was paid.</summary>
    private async Task PayAsync(Guid booking, string paymentIntent)
    {
        var paid = Event($"evt_{Guid.NewGuid():N}", "checkout.session.completed", new JsonObject
        {
            ["id"] = (await ContributionAsync(booking)).CheckoutSessionId, ["object"] = "checkout.session", ["payment_status"] = "paid",
            ["payment_intent"] = paymentIntent, ["metadata"] = new JsonObject { ["booking_id"] = booking.ToString() },
        });
        await ReadAsync(await PostEventAsync(paid, FakeProviders.StripeSignature(paid, app.Clock.Now)));
        Assert.Equal(ContributionStatus.Paid, (await ContributionAsync(booking)).Status);
    }

    /// <summary>The API version docs/payments.md tells a council to set on its Stripe webhook endpoint.</summary>
    private const string WebhookApiVersion = "2026-10-28.endive";

    private static string Event(string id, string type, JsonObject body, string apiVersion = WebhookApiVersion) => new JsonObject
    {
        ["id"] = id, ["object"] = "event", ["api_version"] = apiVersion, ["created"] = 1763719200, ["type"] = type, ["livemode"] = false,
        ["data"] = new JsonObject { ["object"] = body },
    }.ToJsonString();

    private Task<HttpResponseMessage> PostEventAsync(string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Webhook) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add("Stripe-Signature", signature);
        }

        return app.CreateClient().SendAsync(request);
    }

    private sealed record StripeCall(Dictionary<string, string> Form, Dictionary<string, string> Headers);

    private IEnumerable<StripeCall> StripeCalls(string path) => app.Providers.Requests(path).Select(e => new StripeCall(
        FakeProviders.Form(e.RequestMessage!.Body),
        e.RequestMessage.Headers!.ToDictionary(h => h.Key, h => h.Value.First(), StringComparer.OrdinalIgnoreCase)));
}

public sealed class ContributionsOnSqlite(SqliteApp app) : ContributionTests(app), IClassFixture<SqliteApp>;

public sealed class ContributionsOnPostgres(PostgresApp app) : ContributionTests(app), IClassFixture<PostgresApp>;
