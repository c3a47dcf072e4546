using System.Collections.Concurrent;
using System.Text.Json.Serialization;

namespace Brokering.Benchmarks;

internal enum OperationKind
{
    Book,
    Cancel,
    Deliver,
    ReadBooking,
    ReadOffer,
}

/// <summary>
/// One request as one client sent it and what came back, with times in seconds from the run's
/// start. Status 0 is no answer: the connection failed or the client's timeout passed.
/// </summary>
internal sealed record Attempt(
    int Api, double Sent, double Received, int Status, string? Error = null, Guid? BookingId = null, string? BookingStatus = null,
    int? Portions = null, int? PortionsLeft = null, string? Title = null)
{
    /// <summary>An answer the client can act on: anything but no answer or a 5xx, after which it asks again.</summary>
    [JsonIgnore]
    public bool Definitive => Status is > 0 and < 500;

    /// <summary>The service answered, but the bench kept the answer from the client, as a broken network would.</summary>
    public bool Injected { get; init; }
}

/// <summary>
/// One thing a client set out to do (book, cancel, mark delivered, read), with every attempt it
/// took: after a 5xx or no answer the client asks again, on the other API process, with the same
/// Idempotency-Key, until it gets a definitive answer or gives up.
/// </summary>
internal sealed class Operation
{
    public required long Id { get; init; }
    public required int Client { get; init; }
    public required OperationKind Kind { get; init; }
    public required Guid Offer { get; init; }
    public Guid? Booking { get; set; }
    public Guid? Diner { get; init; }
    public string? Key { get; init; }
    public List<Attempt> Attempts { get; } = [];

    /// <summary>
    /// When the client learned that its change took effect: the answer's time, or, when a retry was
    /// refused because an earlier attempt had already made the change, the time of the read that showed it.
    /// </summary>
    public double? AcknowledgedAt { get; set; }

    public double Sent => Attempts[0].Sent;

    public Attempt? Answer => Attempts.LastOrDefault(a => a.Definitive);

    public double Ended => Attempts[^1].Received;

    /// <summary>The booking this booking operation was given: a 201, or a 200 for a replayed Idempotency-Key.</summary>
    public Guid? Booked => Kind == OperationKind.Book && Answer is { Status: 200 or 201, BookingId: { } id } ? id : null;
}

/// <summary>Every operation of a run, and the faults injected while they ran.</summary>
internal sealed class ChaosHistory
{
    private long _next;

    public ConcurrentQueue<Operation> Operations { get; } = new();

    public ConcurrentQueue<Fault> Faults { get; } = new();

    public Operation Begin(int client, OperationKind kind, Guid offer, Guid? booking = null, Guid? diner = null, string? key = null)
    {
        var operation = new Operation { Id = Interlocked.Increment(ref _next), Client = client, Kind = kind, Offer = offer, Booking = booking, Diner = diner, Key = key };
        Operations.Enqueue(operation);
        return operation;
    }
}

/// <summary>
/// A fault injected at <see cref="Start"/>; <see cref="End"/> is when the part it hit answered again
/// (an API process ready, PostgreSQL and both APIs ready), or the start itself for a fault clients
/// should never notice (a worker killed).
/// </summary>
internal sealed record Fault(string What, double Start, double End, bool ClientsMayNotice)
{
    public double Length => End - Start;
}
