using System.Globalization;
using System.Threading.RateLimiting;
using Brokering.Features.Access;
using Microsoft.AspNetCore.Mvc;

namespace Brokering.Api.Hosting;

/// <summary>How many sign-in and registration attempts one address may make per minute.</summary>
public sealed class RateLimitOptions
{
    public int SignInPerMinute { get; set; } = 30;
}

/// <summary>
/// Protection every response and every sign-in gets: a per-address limit on signing in and
/// registering (lockout already protects each account; this slows guessing across accounts),
/// and security headers, including a content security policy that allows only this site's own
/// scripts and the configured map tiles.
/// </summary>
public static class Protection
{
    public static IServiceCollection AddBrokeringProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("Brokering:RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only attempts count: showing the sign-in form is free.
            o.AddPolicy(Policies.SignInRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.SignInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("viewing"));
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many attempts.",
                        Detail = "Too many sign-in or registration attempts from this address. Wait a minute and try again.",
                    },
                });
            };
        });
        return services;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var tiles = Origin(app.Configuration["Brokering:Map:TileUrl"] ?? new Pages.MapOptions().TileUrl);
        var policy = string.Join("; ",
            "default-src 'self'",
            $"img-src 'self' data:{(tiles is null ? "" : " " + tiles)}",
            "script-src 'self'",
            // Leaflet positions its map panes with inline styles.
            "style-src 'self' 'unsafe-inline'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'self'",
            "object-src 'none'");
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (context.Request.Path.StartsWithSegments(ApiReference.Path))
            {
                // The API reference's inline start-up script carries a fresh nonce on each response.
                context.Response.OnStarting(() =>
                {
                    if (ApiReference.ScriptNonce(context) is { } nonce)
                    {
                        headers.ContentSecurityPolicy = policy.Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal);
                    }

                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app;
    }

    /// <summary>The scheme and host of an absolute tile URL template; null for tiles served by this site.</summary>
    private static string? Origin(string template) =>
        // A path such as /tiles/… parses as an absolute file:// URI on Linux: only a web origin counts.
        Uri.TryCreate(template.Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? string.Create(CultureInfo.InvariantCulture, $"{uri.Scheme}://{uri.Authority}")
            : null;
}
