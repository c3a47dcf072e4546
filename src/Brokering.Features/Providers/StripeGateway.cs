using System.Globalization;
using Brokering.Domain.Contributions;
using Brokering.Features.Payments;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace Brokering.Features.Providers;

/// <summary>What Stripe answered: the object's id (and, for a session, its URL; for a refund, its status), or the error.</summary>
public sealed record StripeResult(bool Succeeded, string? Id, string? Url, string? Status, string? Error, bool Transient);

/// <summary>
/// The three Stripe calls the scheme makes, through Stripe.net: create a Checkout Session, expire
/// one, and refund a payment. Every creating call carries an <c>Idempotency-Key</c> derived from
/// the booking, so a retry after a crash never charges or refunds twice. The SDK makes no retries
/// of its own: <see cref="ContributionPayments"/> decides when to try again.
/// </summary>
public sealed class StripeGateway(IHttpClientFactory httpClients, IOptions<StripeOptions> options)
{
    public const string HttpClientName = "stripe";

    /// <summary>A hosted payment page for one meal's contribution, in pence and pounds sterling.</summary>
    public Task<StripeResult> CreateCheckoutAsync(Guid bookingId, int amountPence, string description, CancellationToken cancellationToken)
    {
        var booking = bookingId.ToString();
        var settings = options.Value;
        var create = new SessionCreateOptions
        {
            Mode = "payment",
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = Contribution.Currency,
                        UnitAmount = amountPence,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = description },
                    },
                },
            ],
            ClientReferenceId = booking,
            Metadata = new() { ["booking_id"] = booking },
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new() { ["booking_id"] = booking } },
            SuccessUrl = settings.SuccessUrl,
            CancelUrl = settings.CancelUrl,
        };
        return CallAsync(async client =>
        {
            var session = await new SessionService(client).CreateAsync(create, Keyed($"checkout-{booking}"), cancellationToken);
            return (session.Id, session.Url, session.Status);
        }, cancellationToken);
    }

    /// <summary>Closes a payment page nobody should pay any more.</summary>
    public Task<StripeResult> ExpireCheckoutAsync(string sessionId, CancellationToken cancellationToken) =>
        CallAsync(async client =>
        {
            var session = await new SessionService(client).ExpireAsync(sessionId, null, null, cancellationToken);
            return (session.Id, session.Url, session.Status);
        }, cancellationToken);

    /// <summary>Refunds the whole payment for one meal.</summary>
    public Task<StripeResult> RefundAsync(Guid bookingId, string paymentIntentId, CancellationToken cancellationToken) =>
        CallAsync(async client =>
        {
            var refund = await new RefundService(client).CreateAsync(new RefundCreateOptions
            {
                PaymentIntent = paymentIntentId,
                Reason = RefundReasons.RequestedByCustomer,
                Metadata = new() { ["booking_id"] = bookingId.ToString() },
            }, Keyed($"refund-{bookingId}"), cancellationToken);
            return (refund.Id, (string?)null, refund.Status);
        }, cancellationToken);

    private static RequestOptions Keyed(string idempotencyKey) => new() { IdempotencyKey = idempotencyKey };

    private async Task<StripeResult> CallAsync(Func<IStripeClient, Task<(string Id, string? Url, string? Status)>> call, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new StripeClient(new StripeClientOptions
        {
            ApiKey = settings.SecretKey,
            ApiBase = settings.BaseUrl,
            HttpClient = new SystemNetHttpClient(httpClients.CreateClient(HttpClientName), maxNetworkRetries: 0, appInfo: null, enableTelemetry: false),
        });
        try
        {
            var (id, url, status) = await call(client);
            return new(true, id, url, status, null, false);
        }
        catch (StripeException e) when (e.HttpStatusCode != 0)
        {
            // Stripe's own advice: 429, 409 (an idempotent request still in flight) and 5xx may be retried; other 4xx will not succeed.
            var code = (int)e.HttpStatusCode;
            return new(false, null, null, null, $"Stripe {code.ToString(CultureInfo.InvariantCulture)}: {ErrorOf(e.StripeError)}", code is 409 or 429 or >= 500);
        }
        catch (Exception e) when (e is HttpRequestException or StripeException && !cancellationToken.IsCancellationRequested)
        {
            return new(false, null, null, null, "Stripe unreachable", true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(false, null, null, null, "Stripe timed out", true);
        }
    }

    /// <summary>Stripe's error type and code, which name the problem, not the payer.</summary>
    private static string ErrorOf(StripeError? error) =>
        error?.Type is not { } type ? "no error body" : $"{type}{(error.Code is null ? "" : "/" + error.Code)}";
}
