using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Brokering.Features.Monitoring;

/// <summary>
/// The scheme's own counters, beside the framework's HTTP and runtime measurements, made by the
/// host's meter factory so each host (each test's, too) counts only what happened in it. Tags are
/// kinds and channels only: never a council's, a person's or a message's id, so no personal data
/// and no unbounded series leave the service.
/// </summary>
public sealed class SchemeMetrics
{
    public SchemeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.Name);
        BookingsConfirmed = meter.CreateCounter<long>("brokering.bookings.confirmed", "{booking}", "Portions booked, by a referrer or by approving a match.");
        MatchProposals = meter.CreateCounter<long>("brokering.matching.proposals", "{proposal}", "Pairings a matching round proposed.");
        MatchingRounds = meter.CreateCounter<long>("brokering.matching.rounds", "{round}", "Matching rounds run, by coordinators or on the schedule.");
        NotificationsSent = meter.CreateCounter<long>("brokering.notifications.sent", "{message}", "Messages a provider accepted, by channel.");
        NotificationsFailed = meter.CreateCounter<long>("brokering.notifications.failed", "{message}", "Send attempts that failed, by channel and whether they will be retried.");
    }

    public Counter<long> BookingsConfirmed { get; }

    public Counter<long> MatchProposals { get; }

    public Counter<long> MatchingRounds { get; }

    public Counter<long> NotificationsSent { get; }

    public Counter<long> NotificationsFailed { get; }
}

public static class Telemetry
{
    /// <summary>The meter and activity source every scheme measurement and trace is under.</summary>
    public const string Name = "Brokering";

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
