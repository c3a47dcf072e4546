using System.Text;
using System.Text.Json;
using Brokering.Domain.Contributions;
using Stripe;
using Stripe.Checkout;

namespace Brokering.Features.Payments;

/// <summary>A webhook delivery read: the event, or why it was refused (and, for an event of another API version, its id and version).</summary>
public sealed record StripeDelivery(Event? Event, string? Problem, string? EventId = null, string? UnacceptedVersion = null);

/// <summary>What an event is about: the booking its metadata names, and the session or payment it concerns.</summary>
public sealed record StripeSubject(Guid? BookingId, string? SessionId, string? PaymentIntentId);

/// <summary>
/// Stripe's webhook deliveries, checked and parsed by Stripe.net's <see cref="EventUtility"/>: the
/// <c>Stripe-Signature</c> must carry a <c>v1</c> HMAC made with the endpoint's signing secret (any
/// one of several, while a secret is rolled), its timestamp within the tolerance of the service's
/// clock, and the event must be of the API version's release this Stripe.net reads
/// (<see cref="AcceptedVersion"/>), so its objects are never misread.
/// </summary>
public static class StripeWebhook
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The API version a council sets on its Stripe webhook endpoint.</summary>
    public static string AcceptedVersion => StripeConfiguration.ApiVersion;

    public static StripeDelivery Read(byte[] payload, string? signature, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(signature))
        {
            return new(null, "The request has no Stripe-Signature header.");
        }

        string json;
        try
        {
            json = StrictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return new(null, "The body is not UTF-8 text.");
        }

        Event stripeEvent;
        try
        {
            EventUtility.ValidateSignature(json, signature, secret, (long)tolerance.TotalSeconds, now.ToUnixTimeSeconds());
        }
        catch (Exception e) when (e is StripeException or FormatException or OverflowException)
        {
            return new(null, $"The Stripe signature is not valid: {e.Message}");
        }

        try
        {
            stripeEvent = EventUtility.ParseEvent(json, throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or StripeException or InvalidOperationException)
        {
            return new(null, "The signed body is not a Stripe event.");
        }

        if (stripeEvent?.Id is not { Length: > 0 } || stripeEvent.Type is null)
        {
            return new(null, "The signed body is not a Stripe event.");
        }

        if (stripeEvent.ApiVersion is not { } version || !EventUtility.IsCompatibleApiVersion(AcceptedVersion, version))
        {
            return new(null, $"The event is of Stripe API version {stripeEvent.ApiVersion ?? "(none)"}; this service reads {AcceptedVersion}. "
                + "Set the webhook endpoint's API version to it in Stripe's dashboard.", stripeEvent.Id, stripeEvent.ApiVersion ?? "(none)");
        }

        return new(stripeEvent, null);
    }

    public static StripeSubject About(Event stripeEvent) => stripeEvent.Data?.Object switch
    {
        Session session => new(BookingOf(session.Metadata), session.Id, session.PaymentIntentId),
        PaymentIntent payment => new(BookingOf(payment.Metadata), null, payment.Id),
        Charge charge => new(BookingOf(charge.Metadata), null, charge.PaymentIntentId),
        Refund refund => new(BookingOf(refund.Metadata), null, refund.PaymentIntentId),
        _ => new(null, null, null),
    };

    /// <summary>What the event means for the contribution; events the scheme does not use change nothing.</summary>
    public static void ApplyTo(Event stripeEvent, Contribution contribution, DateTimeOffset at)
    {
        var payment = About(stripeEvent).PaymentIntentId;
        switch (stripeEvent.Type, stripeEvent.Data?.Object)
        {
            case (EventTypes.CheckoutSessionCompleted, Session { PaymentStatus: "paid" }):
            case (EventTypes.CheckoutSessionAsyncPaymentSucceeded, Session):
            case (EventTypes.PaymentIntentSucceeded, PaymentIntent):
                contribution.Succeeded(payment, at);
                break;
            case (EventTypes.CheckoutSessionAsyncPaymentFailed, Session):
            case (EventTypes.PaymentIntentPaymentFailed, PaymentIntent):
                contribution.PaymentFailed();
                break;
            case (EventTypes.CheckoutSessionExpired, Session):
                contribution.CheckoutExpired();
                break;
            case (EventTypes.ChargeRefunded, Charge { Refunded: true }):
            case (EventTypes.RefundCreated or EventTypes.RefundUpdated, Refund { Status: "succeeded" }):
                contribution.RefundCompleted();
                break;
        }
    }

    private static Guid? BookingOf(Dictionary<string, string>? metadata) =>
        metadata?.TryGetValue("booking_id", out var id) == true && Guid.TryParse(id, out var booking) ? booking : null;
}
