using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Brokering.Data;

/// <summary>
/// The scheme's own counters, beside the framework's HTTP and runtime measurements. Tags are
/// kinds and channels only: never a council's, a person's or a message's id, so no personal data
/// and no unbounded series leave the service.
/// </summary>
public static class Telemetry
{
    public const string Name = "Brokering";

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> BookingsConfirmed =
        Meter.CreateCounter<long>("brokering.bookings.confirmed", "{booking}", "Portions booked, by a referrer or by approving a match.");

    public static readonly Counter<long> MatchProposals =
        Meter.CreateCounter<long>("brokering.matching.proposals", "{proposal}", "Pairings a matching round proposed.");

    public static readonly Counter<long> MatchingRounds =
        Meter.CreateCounter<long>("brokering.matching.rounds", "{round}", "Matching rounds run, by coordinators or on the schedule.");

    public static readonly Counter<long> NotificationsSent =
        Meter.CreateCounter<long>("brokering.notifications.sent", "{message}", "Messages a provider accepted, by channel.");

    public static readonly Counter<long> NotificationsFailed =
        Meter.CreateCounter<long>("brokering.notifications.failed", "{message}", "Send attempts that failed, by channel and whether they will be retried.");

    /// <summary>
    /// Traces and metrics through OpenTelemetry. They are exported by OTLP only when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard variables choose protocol and headers),
    /// so the embedded default sends nothing anywhere.
    /// </summary>
    public static OpenTelemetryBuilder AddBrokeringTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing.AddSource(Name).AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(Name).AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.UseOtlpExporter();
        }

        return builder;
    }
}
