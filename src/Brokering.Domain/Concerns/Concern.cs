namespace Brokering.Domain.Concerns;

public enum ConcernSeverity
{
    Routine,
    Urgent,
}

public enum ConcernStatus
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>
/// A safeguarding or welfare concern. Urgent ones (a diner not answering the door) must reach the
/// on-duty coordinator and the diner's nominated contact at once.
/// </summary>
public sealed class Concern : Aggregate, ICouncilOwned
{
    private Concern() { Summary = ""; RaisedBy = ""; }

    private Concern(Guid councilId, Guid dinerId, Guid? cookId, Guid? bookingId, ConcernSeverity severity, string summary, string raisedBy, DateTimeOffset at)
    {
        CouncilId = councilId;
        DinerId = dinerId;
        CookId = cookId;
        BookingId = bookingId;
        Severity = severity;
        Summary = Text.Required(summary, nameof(summary), 2000);
        RaisedBy = raisedBy;
        RaisedAt = at;
        Status = ConcernStatus.Open;
    }

    public Guid CouncilId { get; private set; }
    public Guid DinerId { get; private set; }
    public Guid? CookId { get; private set; }
    public Guid? BookingId { get; private set; }
    public ConcernSeverity Severity { get; private set; }
    public string Summary { get; private set; }
    public string RaisedBy { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    public ConcernStatus Status { get; private set; }
    public string? Resolution { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? ResolvedBy { get; private set; }
    public DateTimeOffset? EscalatedAt { get; private set; }

    /// <summary>True when this urgent concern has waited <paramref name="after"/> without a coordinator acknowledging it.</summary>
    public bool IsOverdue(DateTimeOffset now, TimeSpan after) =>
        Severity == ConcernSeverity.Urgent && Status == ConcernStatus.Open && EscalatedAt is null && now - RaisedAt >= after;

    /// <summary>Marks the concern as escalated to every coordinator and admin; once only.</summary>
    public void Escalate(DateTimeOffset at)
    {
        if (EscalatedAt is not null)
        {
            throw new InvalidTransitionException("concern", "escalated", "escalated");
        }

        EscalatedAt = at;
    }
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>A coordinator has seen the concern and is dealing with it.</summary>
    public void Acknowledge(string coordinator, DateTimeOffset at)
    {
        if (Status != ConcernStatus.Open)
        {
            throw new InvalidTransitionException("concern", Names.Of(Status), "acknowledged");
        }

        Status = ConcernStatus.Acknowledged;
        AcknowledgedBy = coordinator;
        AcknowledgedAt = at;
    }

    /// <summary>Closes the concern with what was done and found.</summary>
    public void Close(string outcome, string coordinator, DateTimeOffset at)
    {
        Resolve(outcome);
        ResolvedBy = coordinator;
        ResolvedAt = at;
    }

    public static Concern NoAnswerAtDoor(Bookings.Booking booking, string raisedBy, DateTimeOffset at) =>
        new(booking.CouncilId, booking.DinerId, booking.CookId, booking.Id, ConcernSeverity.Urgent,
            "No answer at the door when the meal was delivered.", raisedBy, at);

    /// <summary>A concern raised by someone involved in a booking: its cook, the diner's referrer or a coordinator.</summary>
    public static Concern About(Bookings.Booking booking, ConcernSeverity severity, string description, string raisedBy, DateTimeOffset at) =>
        new(booking.CouncilId, booking.DinerId, booking.CookId, booking.Id, severity, description, raisedBy, at);

    public void Resolve(string resolution)
    {
        if (Status == ConcernStatus.Resolved)
        {
            throw new InvalidTransitionException("concern", "resolved", "resolved");
        }

        Status = ConcernStatus.Resolved;
        Resolution = Text.Required(resolution, nameof(resolution), 2000);
    }
}
