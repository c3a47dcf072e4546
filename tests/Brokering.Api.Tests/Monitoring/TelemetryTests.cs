using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;
using Brokering.Features.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using static Brokering.Api.Tests.Support.Scenario;

namespace Brokering.Api.Tests.Monitoring;

/// <summary>
/// The scheme's own counters move when the things they count happen. The listener hears only this
/// test's own host (its meter factory), not the hosts of the tests running beside it, so each count
/// is exactly what this test did.
/// </summary>
public sealed class TelemetryTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Confirmed_bookings_matching_rounds_and_sent_messages_are_counted_without_any_personal_tag()
    {
        var counted = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var tags = new System.Collections.Concurrent.ConcurrentBag<string>();
        var ours = app.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Telemetry.Name && ReferenceEquals(instrument.Meter.Scope, ours))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, measurementTags, _) =>
        {
            counted.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
            foreach (var tag in measurementTags)
            {
                tags.Add(tag.Key);
            }
        });
        listener.Start();

        var s = await StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        await ReadAsync(await s.BookAsync(await s.OfferAsync(cook), await s.DinerAsync(channel: "sms", phone: "07700 900611")), HttpStatusCode.Created);
        await s.DinerAsync(latitude: 51.5051);
        await ReadAsync(await s.Coordinator.PostAsJsonAsync("/api/v1/matching/runs", new { deliveryDate = s.DeliveryDate }), HttpStatusCode.Created);
        await app.DispatchAsync();
        listener.RecordObservableInstruments();

        Assert.Equal(1, counted.GetValueOrDefault("brokering.bookings.confirmed"));
        Assert.Equal(1, counted.GetValueOrDefault("brokering.matching.rounds"));
        Assert.Equal(1, counted.GetValueOrDefault("brokering.matching.proposals"));
        // The cook's approval, and the booking's confirmation to the diner and to the cook; the reminder is not due yet.
        Assert.Equal(3, counted.GetValueOrDefault("brokering.notifications.sent"));
        Assert.Empty(tags.Distinct().Except(["channel", "retried", "scheduled"]));
    }
}
