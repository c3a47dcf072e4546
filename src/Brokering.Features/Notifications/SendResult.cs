using System.Net;
using System.Net.Http.Headers;

namespace Brokering.Features.Notifications;

public enum SendOutcome
{
    Sent,

    /// <summary>Worth trying again later: the provider was busy, down or slow.</summary>
    Transient,

    /// <summary>Trying again would fail the same way, such as an invalid number: parked for a coordinator.</summary>
    Permanent,
}

/// <summary>What a provider said. <see cref="Error"/> names a status and error code, never personal data.</summary>
public readonly record struct SendResult(SendOutcome Outcome, string? Reference, string? Error, TimeSpan? RetryAfter)
{
    public static SendResult Sent(string? reference) => new(SendOutcome.Sent, reference, null, null);

    public static SendResult Transient(string error, TimeSpan? retryAfter = null) => new(SendOutcome.Transient, null, error, retryAfter);

    public static SendResult Permanent(string error) => new(SendOutcome.Permanent, null, error, null);

    /// <summary>An HTTP failure: 408, 429 and 5xx are transient; any other 4xx is permanent.</summary>
    public static SendResult Failed(string provider, HttpStatusCode status, string? detail, TimeSpan? retryAfter)
    {
        var code = (int)status;
        var error = $"{provider} {code}{(string.IsNullOrWhiteSpace(detail) ? "" : ": " + detail)}";
        return code is 408 or 429 or >= 500 ? Transient(error, retryAfter) : Permanent(error);
    }

    /// <summary>The wait a response asks for: Retry-After (seconds or a date), else SendGrid's X-RateLimit-Reset.</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.RetryAfter is { } retryAfter)
        {
            return retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : null);
        }

        if (headers.TryGetValues("X-RateLimit-Reset", out var values) && long.TryParse(values.FirstOrDefault(), out var epoch))
        {
            return DateTimeOffset.FromUnixTimeSeconds(epoch) - now;
        }

        return null;
    }
}
