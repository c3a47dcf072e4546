
namespace Brokering.Features.Providers;

/// <summary>
/// Stripe settings (<c>Brokering:Stripe</c>). Without a secret key nothing is sent to Stripe:
/// contributions a council asks for wait, listed as due, until one is configured.
/// </summary>
public sealed class StripeOptions
{
    /// <summary>A restricted or secret key (<c>sk_test_…</c> while testing); from configuration or a secret store, never the code.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The webhook endpoint's signing secret (<c>whsec_…</c>).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Stripe's API, or a Stripe-compatible fake while testing.</summary>
    public string BaseUrl { get; set; } = "https://api.stripe.com";

    /// <summary>Where the payer lands after paying, and after giving up.</summary>
    public string SuccessUrl { get; set; } = "http://localhost:5000/contribution/thank-you";

    public string CancelUrl { get; set; } = "http://localhost:5000/contribution/not-paid";

    /// <summary>How long a webhook's signed timestamp may be from now.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey);
}
