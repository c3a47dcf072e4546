using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Brokering.Data.Payments;

/// <summary>What Stripe answered: the object's id (and, for a session, its URL; for a refund, its status), or the error.</summary>
public sealed record StripeResult(bool Succeeded, string? Id, string? Url, string? Status, string? Error, bool Transient);

/// <summary>
/// A small typed client for the three Stripe calls the scheme makes, because Stripe.net cannot be
/// restored here: create a Checkout Session (<c>POST /v1/checkout/sessions</c>), expire one
/// (<c>POST /v1/checkout/sessions/{id}/expire</c>) and refund a payment (<c>POST /v1/refunds</c>).
/// Requests are form-encoded with bracketed keys, authenticated with the secret key as a bearer
/// token, and every creating call carries an <c>Idempotency-Key</c> derived from the booking, so
/// a retry after a crash never charges or refunds twice.
/// </summary>
public sealed class StripeClient(HttpClient http, IOptions<StripeOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>A hosted payment page for one meal's contribution, in pence and pounds sterling.</summary>
    public Task<StripeResult> CreateCheckoutAsync(Guid bookingId, int amountPence, string description, CancellationToken cancellationToken)
    {
        var booking = bookingId.ToString();
        var settings = options.Value;
        return PostAsync("v1/checkout/sessions", $"checkout-{booking}",
        [
            ("mode", "payment"),
            ("line_items[0][quantity]", "1"),
            ("line_items[0][price_data][currency]", Domain.Contributions.Contribution.Currency),
            ("line_items[0][price_data][unit_amount]", amountPence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("line_items[0][price_data][product_data][name]", description),
            ("client_reference_id", booking),
            ("metadata[booking_id]", booking),
            ("payment_intent_data[metadata][booking_id]", booking),
            ("success_url", settings.SuccessUrl),
            ("cancel_url", settings.CancelUrl),
        ], cancellationToken);
    }

    /// <summary>Closes a payment page nobody should pay any more.</summary>
    public Task<StripeResult> ExpireCheckoutAsync(string sessionId, CancellationToken cancellationToken) =>
        PostAsync($"v1/checkout/sessions/{Uri.EscapeDataString(sessionId)}/expire", null, [], cancellationToken);

    /// <summary>Refunds the whole payment for one meal.</summary>
    public Task<StripeResult> RefundAsync(Guid bookingId, string paymentIntentId, CancellationToken cancellationToken) =>
        PostAsync("v1/refunds", $"refund-{bookingId}",
        [
            ("payment_intent", paymentIntentId),
            ("reason", "requested_by_customer"),
            ("metadata[booking_id]", bookingId.ToString()),
        ], cancellationToken);

    private async Task<StripeResult> PostAsync(string path, string? idempotencyKey, (string Key, string Value)[] form, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(settings.BaseUrl.TrimEnd('/') + "/"), path))
        {
            Content = new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Key, f.Value))),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.SecretKey);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var created = JsonSerializer.Deserialize<StripeObject>(body, Json);
                return new(true, created?.Id, created?.Url, created?.Status, null, false);
            }

            // Stripe's own advice: 429, 409 (an idempotent request still in flight) and 5xx may be retried; other 4xx will not succeed.
            var code = (int)response.StatusCode;
            return new(false, null, null, null, $"Stripe {code}: {ErrorOf(body)}", code is 409 or 429 or >= 500);
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new(false, null, null, null, $"Stripe unreachable: {e.HttpRequestError}", true);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(false, null, null, null, "Stripe timed out", true);
        }
    }

    /// <summary>Stripe's error type and code (<c>{"error":{"type","code","message"}}</c>), which name the problem, not the payer.</summary>
    private static string ErrorOf(string body)
    {
        try
        {
            var error = JsonSerializer.Deserialize<ErrorBody>(body, Json)?.Error;
            return error is null ? "no error body" : $"{error.Type}{(error.Code is null ? "" : "/" + error.Code)}";
        }
        catch (JsonException)
        {
            return "unreadable error body";
        }
    }

    private sealed record StripeObject(string? Id, string? Url, string? Status);

    private sealed record ErrorBody(StripeError? Error);

    private sealed record StripeError(string? Type, string? Code, [property: JsonPropertyName("message")] string? Message);
}
