using Scalar.AspNetCore;

namespace Brokering.Api.Hosting;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and Scalar's interactive reference over it
/// (<c>/api-reference</c>), for the council systems that integrate with the service. Scalar's
/// script is served by the app itself, not a CDN, and it sends no request anywhere else.
/// </summary>
public static class ApiReference
{
    public const string Path = "/api-reference";

    public static IServiceCollection AddApiReference(this IServiceCollection services) =>
        services.AddOpenApi(options => options
            .AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Community meals brokering API";
                document.Info.Description = "Cooks, diners, offers, bookings and safeguarding for a council's meal-sharing scheme. "
                    + "Every request acts for one council; every refusal is an RFC 9457 problem document.";
                return Task.CompletedTask;
            })
            .AddOperationTransformer(ProblemResponses.DescribeAsync));

    /// <summary>The nonce Scalar put on this response's script tags, which the content security policy must allow; null on other pages.</summary>
    public static string? ScriptNonce(HttpContext context) =>
        context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var nonce) ? nonce as string : null;

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(Path, options => options
            .WithTitle("Community meals: API reference")
            .WithNonce()
            .HideDeveloperTools()
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp());
        return app;
    }
}
