using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.Logging;
using Request = WireMock.RequestBuilders.Request;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Brokering.Api.Tests.Support;

/// <summary>
/// GOV.UK Notify, SendGrid and Stripe, faked at their HTTP boundary with WireMock.Net, answering as
/// their documentation says: Notify's 201 with the notification's id and reference, SendGrid's 202
/// with an X-Message-Id, Stripe's objects as JSON (a repeated Idempotency-Key gets the first
/// answer again, as Stripe does). Tests read back exactly what the service sent.
/// </summary>
public sealed class FakeProviders : IDisposable
{
    public const string NotifyServiceId = "26785a09-ab16-4eb0-8407-a37497a57506";
    public const string NotifySecret = "3d844edf-8d35-48ac-975b-e847b4f122b0";
    public const string NotifyApiKey = $"brokering_test-{NotifyServiceId}-{NotifySecret}";
    public const string SmsTemplateId = "f33517ff-2a88-4f6e-b855-c550268ce08a";
    public const string LetterTemplateId = "5f0c1c5c-8d0b-4a44-9f0b-2a8d1c4f0e11";
    public const string SendGridKey = "SG.test-key.brokering";
    public const string FromEmail = "meals@council.test";
    public const string StripeKey = "sk_test_brokering";
    public const string StripeWebhookSecret = "whsec_test_brokering";

    public WireMockServer Server { get; } = WireMockServer.Start();

    public FakeProviders() => Reset();

    public string Url => Server.Url!;

    /// <summary>The settings that point the service's providers at this fake.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Brokering:Notifications:Enabled"] = "false",
        ["Brokering:Notifications:Sms"] = "Notify",
        ["Brokering:Notifications:Letter"] = "Notify",
        ["Brokering:Notifications:Email"] = "SendGrid",
        ["Brokering:Notifications:Notify:ApiKey"] = NotifyApiKey,
        ["Brokering:Notifications:Notify:BaseUrl"] = Url,
        ["Brokering:Notifications:Notify:SmsTemplateId"] = SmsTemplateId,
        ["Brokering:Notifications:Notify:LetterTemplateId"] = LetterTemplateId,
        ["Brokering:Notifications:SendGrid:ApiKey"] = SendGridKey,
        ["Brokering:Notifications:SendGrid:BaseUrl"] = Url,
        ["Brokering:Notifications:SendGrid:FromEmail"] = FromEmail,
        ["Brokering:Notifications:Retry:MaxAttempts"] = "3",
    };

    /// <summary>Back to answering every call successfully, with an empty request log.</summary>
    public void Reset()
    {
        Server.Reset();
        _failures.Clear();
        foreach (var kind in new[] { "sms", "letter", "email" })
        {
            Server.Given(Request.Create().WithPath($"/v2/notifications/{kind}").UsingPost())
                .RespondWith(Response.Create().WithCallback(request => Answer(kind, request)));
        }

        _stripeAnswers.Clear();
        Server.Given(Request.Create().WithPath("/v1/checkout/sessions").UsingPost())
            .RespondWith(Response.Create().WithCallback(request => Stripe(request, "/v1/checkout/sessions", () =>
            {
                var id = $"cs_test_{Guid.NewGuid():N}";
                var form = Form(request.Body);
                return new JsonObject
                {
                    ["id"] = id, ["object"] = "checkout.session", ["mode"] = "payment", ["status"] = "open", ["payment_status"] = "unpaid",
                    ["url"] = $"https://checkout.stripe.com/c/pay/{id}", ["payment_intent"] = null,
                    ["amount_total"] = int.Parse(form["line_items[0][price_data][unit_amount]"], System.Globalization.CultureInfo.InvariantCulture),
                    ["currency"] = form["line_items[0][price_data][currency]"], ["metadata"] = new JsonObject { ["booking_id"] = form["metadata[booking_id]"] },
                };
            })));
        Server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/v1/checkout/sessions/[^/]+/expire$")).UsingPost())
            .RespondWith(Response.Create().WithCallback(request => Stripe(request, "expire", () => new JsonObject
            {
                ["id"] = request.Path.Split('/')[4], ["object"] = "checkout.session", ["status"] = "expired", ["payment_status"] = "unpaid",
            })));
        Server.Given(Request.Create().WithPath("/v1/refunds").UsingPost())
            .RespondWith(Response.Create().WithCallback(request => Stripe(request, "/v1/refunds", () => new JsonObject
            {
                ["id"] = $"re_{Guid.NewGuid():N}", ["object"] = "refund", ["status"] = "succeeded", ["payment_intent"] = Form(request.Body)["payment_intent"],
            })));

        Server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202).WithHeader("X-Message-Id", "sg-{{Random Type=\"Guid\"}}").WithTransformer());
    }

    /// <summary>Makes the next <paramref name="times"/> calls to a Notify endpoint fail with this status, body and headers.</summary>
    public void NotifyFails(string kind, int status, string errorBody, int times, params (string Name, string Value)[] headers)
    {
        var queue = _failures.GetOrAdd(kind, _ => new ConcurrentQueue<Failure>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(new Failure(status, errorBody, headers));
        }
    }

    /// <summary>Makes the next <paramref name="times"/> calls to a Stripe path fail with this status and Stripe error body.</summary>
    public void StripeFails(string path, int status, string errorBody, int times) => NotifyFails(path, status, errorBody, times);

    private readonly ConcurrentDictionary<string, string> _stripeAnswers = new();

    /// <summary>A planned failure, or Stripe's 200 with the object; the same Idempotency-Key gets the same object, as Stripe keeps keys for 24 hours.</summary>
    private ResponseMessage Stripe(IRequestMessage request, string path, Func<JsonObject> create)
    {
        var headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") };
        if (_failures.TryGetValue(path, out var queue) && queue.TryDequeue(out var failure))
        {
            return new ResponseMessage { StatusCode = failure.Status, Headers = headers, BodyData = Text(failure.Body) };
        }

        var key = request.Headers?.TryGetValue("Idempotency-Key", out var keys) == true ? keys.FirstOrDefault() : null;
        var body = key is null ? create().ToJsonString() : _stripeAnswers.GetOrAdd($"{path} {key}", _ => create().ToJsonString());
        return new ResponseMessage { StatusCode = 200, Headers = headers, BodyData = Text(body) };
    }

    /// <summary>A form-encoded body (<c>a[b]=c&amp;…</c>), as Stripe receives it.</summary>
    public static Dictionary<string, string> Form(string? body) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + body).ToDictionary(p => p.Key, p => p.Value.ToString());

    /// <summary>Signs an event body as Stripe does: <c>t=…,v1=</c> HMAC-SHA256 of <c>"{t}.{body}"</c> with the endpoint secret.</summary>
    public static string StripeSignature(string body, DateTimeOffset at, string secret = StripeWebhookSecret)
    {
        var t = at.ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    private sealed record Failure(int Status, string Body, (string Name, string Value)[] Headers);

    private readonly ConcurrentDictionary<string, ConcurrentQueue<Failure>> _failures = new();

    /// <summary>A planned failure, or Notify's 201: the new notification's id, the caller's reference, the content and template.</summary>
    private ResponseMessage Answer(string kind, IRequestMessage request)
    {
        var headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") };
        if (_failures.TryGetValue(kind, out var queue) && queue.TryDequeue(out var failure))
        {
            foreach (var (name, value) in failure.Headers)
            {
                headers[name] = new(value);
            }

            return new ResponseMessage { StatusCode = failure.Status, Headers = headers, BodyData = Text(failure.Body) };
        }

        var sent = JsonNode.Parse(request.Body!)!;
        var created = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["reference"] = sent["reference"]?.GetValue<string>(),
            ["content"] = new JsonObject { ["body"] = "sent", ["subject"] = "sent", ["from_number"] = "GOVUK" },
            ["uri"] = "https://api.notifications.service.gov.uk/v2/notifications/x",
            ["template"] = new JsonObject { ["id"] = sent["template_id"]?.GetValue<string>(), ["version"] = 1, ["uri"] = "https://api.notifications.service.gov.uk/v2/templates/x" },
        };
        return new ResponseMessage { StatusCode = 201, Headers = headers, BodyData = Text(created.ToJsonString()) };
    }

    private static BodyData Text(string body) => new() { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 };

    public IReadOnlyList<ILogEntry> Requests(string path) =>
        [.. Server.LogEntries.Where(e => e.RequestMessage?.Path == path)];

    /// <summary>The JSON bodies sent to one endpoint for one recipient field value.</summary>
    public IReadOnlyList<(JsonObject Body, IDictionary<string, WireMockList<string>> Headers)> SentTo(string path, string field, string value) =>
        [.. Requests(path)
            .Select(e => (Body: JsonNode.Parse(e.RequestMessage!.Body!)!.AsObject(), Headers: e.RequestMessage.Headers!))
            .Where(r => Matches(r.Body, field, value))];

    private static bool Matches(JsonObject body, string field, string value) => field switch
    {
        "to" => body["personalizations"]![0]!["to"]![0]!["email"]!.GetValue<string>() == value,
        _ => body[field]?.GetValue<string>() == value,
    };

    /// <summary>
    /// Checks a bearer token as Notify does: HS256 over header and claims with the API key's secret,
    /// the service id as issuer, and issued within the last 30 seconds.
    /// </summary>
    public static JsonObject VerifyNotifyToken(string authorization)
    {
        Assert.StartsWith("Bearer ", authorization);
        var parts = authorization["Bearer ".Length..].Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonNode.Parse(Base64Url(parts[0]))!.AsObject();
        Assert.Equal("HS256", header["alg"]!.GetValue<string>());
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(NotifySecret), Encoding.UTF8.GetBytes($"{parts[0]}.{parts[1]}"));
        Assert.Equal(Convert.ToBase64String(expected).TrimEnd('=').Replace('+', '-').Replace('/', '_'), parts[2]);
        var claims = JsonNode.Parse(Base64Url(parts[1]))!.AsObject();
        Assert.Equal(NotifyServiceId, claims["iss"]!.GetValue<string>());
        var issued = DateTimeOffset.FromUnixTimeSeconds((long)claims["iat"]!.GetValue<double>());
        Assert.InRange(issued, DateTimeOffset.UtcNow.AddSeconds(-30), DateTimeOffset.UtcNow.AddSeconds(5));
        return claims;
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    public void Dispose() => Server.Stop();
}
