namespace Brokering.Domain.Councils;

/// <summary>
/// Two councils' agreement, recorded by an admin, to share cooks and diners across their
/// boundary: a diner of either may be matched to a cook of the other. Without one, nothing crosses
/// a council boundary. <see cref="Reference"/> names the signed data sharing agreement the councils'
/// data protection officers hold. Ending it stops new matches; meals already booked stay.
/// </summary>
public sealed class SharingAgreement : Aggregate
{
    public const int MaxReferenceLength = 200;

    private SharingAgreement() { Reference = ""; RecordedBy = ""; }

    public SharingAgreement(Guid oneCouncil, Guid otherCouncil, string reference, string recordedBy, DateTimeOffset recordedAt)
    {
        if (oneCouncil == otherCouncil)
        {
            throw new DomainValidationException("councilB", "must be a different council from councilA");
        }

        (CouncilA, CouncilB) = Pair(oneCouncil, otherCouncil);
        Reference = Text.Required(reference, nameof(reference), MaxReferenceLength);
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    /// <summary>The two councils in the order agreements store them, so one pair has one agreement whichever way round it is named.</summary>
    public static (Guid CouncilA, Guid CouncilB) Pair(Guid oneCouncil, Guid otherCouncil) =>
        oneCouncil.CompareTo(otherCouncil) < 0 ? (oneCouncil, otherCouncil) : (otherCouncil, oneCouncil);

    public Guid CouncilA { get; private set; }
    public Guid CouncilB { get; private set; }
    public string Reference { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string? EndedBy { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    public bool IsActive => EndedAt is null;

    public bool Involves(Guid councilId) => CouncilA == councilId || CouncilB == councilId;

    public void End(string by, DateTimeOffset at)
    {
        if (!IsActive)
        {
            throw new InvalidTransitionException("sharing agreement", "ended", "ended");
        }

        EndedBy = by;
        EndedAt = at;
    }
}
