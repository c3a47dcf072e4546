namespace Brokering.Domain.Concerns;

public enum ConcernSeverity
{
    Routine,
    Urgent,
}

/// <summary>What a concern is about: one meal, a diner, or a cook.</summary>
public enum ConcernSubject
{
    Booking,
    Diner,
    Cook,
}

public enum ConcernStatus
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>One thing a coordinator did or found while dealing with a concern; the log only grows.</summary>
public sealed record ConcernAction(DateTimeOffset At, string By, string Description)
{
    public const int MaxDescriptionLength = 2000;
}

/// <summary>
/// A safeguarding or welfare concern about a meal, a diner or a cook. Urgent ones (a diner not
/// answering the door) must reach the on-duty coordinator and, where a diner is involved, their
/// nominated contact at once. Its <see cref="Actions"/> are the triage log: acknowledging,
/// escalating, each step a coordinator records, and closing all add to it, and nothing removes from it.
/// </summary>
public sealed class Concern : Aggregate, ICouncilOwned
{
    public const int MaxSummaryLength = 2000;

    private readonly List<ConcernAction> _actions = [];

    private Concern() { Summary = ""; RaisedBy = ""; }

    private Concern(Guid councilId, ConcernSubject subject, Guid? dinerId, Guid? cookId, Guid? bookingId, ConcernSeverity severity, string summary,
        string raisedBy, DateTimeOffset at)
    {
        CouncilId = councilId;
        Subject = subject;
        DinerId = dinerId;
        CookId = cookId;
        BookingId = bookingId;
        Severity = severity;
        Summary = Text.Required(summary, nameof(summary), MaxSummaryLength);
        RaisedBy = raisedBy;
        RaisedAt = at;
        Status = ConcernStatus.Open;
    }

    public Guid CouncilId { get; private set; }
    public ConcernSubject Subject { get; private set; }

    /// <summary>The diner involved; null for a concern about a cook alone.</summary>
    public Guid? DinerId { get; private set; }
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
    public IReadOnlyList<ConcernAction> Actions => _actions;

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
        _actions.Add(new(at, "system", "Escalated to every coordinator and admin: nobody had acknowledged it."));
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
        _actions.Add(new(at, coordinator, "Acknowledged."));
    }

    /// <summary>Records something done or found (a call made, a visit, a referral to adult social care).</summary>
    public void RecordAction(string description, string coordinator, DateTimeOffset at)
    {
        if (Status == ConcernStatus.Resolved)
        {
            throw new InvalidTransitionException("concern", "resolved", "given a new action");
        }

        _actions.Add(new(at, coordinator, Text.Required(description, nameof(description), ConcernAction.MaxDescriptionLength)));
    }

    /// <summary>Closes the concern with what was done and found.</summary>
    public void Close(string outcome, string coordinator, DateTimeOffset at)
    {
        Resolve(outcome);
        ResolvedBy = coordinator;
        ResolvedAt = at;
        _actions.Add(new(at, coordinator, "Closed: " + Resolution));
    }

    public static Concern NoAnswerAtDoor(Bookings.Booking booking, string raisedBy, DateTimeOffset at) =>
        new(booking.CouncilId, ConcernSubject.Booking, booking.DinerId, booking.CookId, booking.Id, ConcernSeverity.Urgent,
            "No answer at the door when the meal was delivered.", raisedBy, at);

    /// <summary>A concern raised by someone involved in a booking: its cook, the diner's referrer or a coordinator.</summary>
    public static Concern About(Bookings.Booking booking, ConcernSeverity severity, string description, string raisedBy, DateTimeOffset at) =>
        new(booking.CouncilId, ConcernSubject.Booking, booking.DinerId, booking.CookId, booking.Id, severity, description, raisedBy, at);

    /// <summary>A concern about a diner's welfare, not tied to one meal.</summary>
    public static Concern About(Diners.Diner diner, ConcernSeverity severity, string description, string raisedBy, DateTimeOffset at) =>
        new(diner.CouncilId, ConcernSubject.Diner, diner.Id, null, null, severity, description, raisedBy, at);

    /// <summary>A concern about a cook: their conduct, food safety, or their own welfare.</summary>
    public static Concern About(Cooks.Cook cook, ConcernSeverity severity, string description, string raisedBy, DateTimeOffset at) =>
        new(cook.CouncilId, ConcernSubject.Cook, null, cook.Id, null, severity, description, raisedBy, at);

    public void Resolve(string resolution)
    {
        if (Status == ConcernStatus.Resolved)
        {
            throw new InvalidTransitionException("concern", "resolved", "resolved");
        }

        Status = ConcernStatus.Resolved;
        Resolution = Text.Required(resolution, nameof(resolution), MaxSummaryLength);
    }
}
