namespace Brokering.Domain.Councils;

/// <summary>
/// A coordinator on duty for urgent concerns from <see cref="Starts"/> (included) to
/// <see cref="Ends"/> (excluded). Urgent alerts go to whoever is on duty at that moment; when
/// nobody is, they go to every coordinator of the council.
/// </summary>
public sealed class DutyShift : Aggregate, ICouncilOwned
{
    /// <summary>The longest one shift may be; longer cover is several shifts, so nobody is left on the rota by mistake.</summary>
    public static readonly TimeSpan LongestShift = TimeSpan.FromDays(14);

    private DutyShift() { CoordinatorId = ""; RecordedBy = ""; }

    public DutyShift(Guid councilId, string coordinatorId, DateTimeOffset starts, DateTimeOffset ends, string recordedBy, DateTimeOffset recordedAt)
    {
        if (ends <= starts)
        {
            throw new DomainValidationException(nameof(ends), "must be after the start of the shift");
        }

        if (ends - starts > LongestShift)
        {
            throw new DomainValidationException(nameof(ends), $"a shift may last at most {LongestShift.TotalDays} days");
        }

        if (ends <= recordedAt)
        {
            throw new DomainValidationException(nameof(ends), "must be in the future");
        }

        CouncilId = councilId;
        CoordinatorId = coordinatorId;
        Starts = starts.ToUniversalTime();
        Ends = ends.ToUniversalTime();
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid CouncilId { get; private set; }
    public string CoordinatorId { get; private set; }
    public DateTimeOffset Starts { get; private set; }
    public DateTimeOffset Ends { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    public bool Covers(DateTimeOffset at) => Starts <= at && at < Ends;
}
