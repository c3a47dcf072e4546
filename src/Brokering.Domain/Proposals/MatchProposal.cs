namespace Brokering.Domain.Proposals;

public enum ProposalStatus
{
    Proposed,
    Approved,
    Rejected,

    /// <summary>A later round for the same council and day replaced this one before anyone decided.</summary>
    Superseded,
}

/// <summary>
/// The matcher's suggestion that a diner has a portion of an offer. Nothing is booked until a
/// coordinator approves it; a proposal is decided once, by approval, rejection or a later round.
/// </summary>
public sealed class MatchProposal : Aggregate, ICouncilOwned
{
    public const int MaxReasonLength = 500;

    /// <summary>The matcher's reasons for a proposal (or for leaving a diner unmatched), one per line, stored together.</summary>
    public const int MaxReasonsLength = 4000;

    private MatchProposal() { Reasons = []; }

    public MatchProposal(Guid runId, Guid councilId, Guid offerId, Guid dinerId, Guid cookId, double distanceKm, bool continuesPairing,
        IReadOnlyList<string> reasons)
    {
        RunId = runId;
        CouncilId = councilId;
        OfferId = offerId;
        DinerId = dinerId;
        CookId = cookId;
        DistanceKm = distanceKm;
        ContinuesPairing = continuesPairing;
        Reasons = reasons;
        Status = ProposalStatus.Proposed;
    }

    public Guid RunId { get; private set; }
    public Guid CouncilId { get; private set; }
    public Guid OfferId { get; private set; }
    public Guid DinerId { get; private set; }
    public Guid CookId { get; private set; }
    public double DistanceKm { get; private set; }
    public bool ContinuesPairing { get; private set; }
    public IReadOnlyList<string> Reasons { get; private set; }
    public ProposalStatus Status { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? RejectionReason { get; private set; }
    public Guid? BookingId { get; private set; }

    public void Approve(Guid bookingId, string coordinator, DateTimeOffset at)
    {
        Decide(ProposalStatus.Approved, "approved", coordinator, at);
        BookingId = bookingId;
    }

    public void Reject(string reason, string coordinator, DateTimeOffset at)
    {
        var checkedReason = Text.Required(reason, nameof(reason), MaxReasonLength);
        Decide(ProposalStatus.Rejected, "rejected", coordinator, at);
        RejectionReason = checkedReason;
    }

    private void Decide(ProposalStatus to, string action, string by, DateTimeOffset at)
    {
        if (Status != ProposalStatus.Proposed)
        {
            throw new InvalidTransitionException("proposal", Names.Of(Status), action);
        }

        Status = to;
        DecidedBy = by;
        DecidedAt = at;
    }
}

/// <summary>
/// A coordinator's decision that a cook and a diner must not be matched (a concern, a past
/// falling-out, a conflict of interest). The matcher never proposes the pair while it stands.
/// </summary>
public sealed class PairExclusion : Aggregate
{
    private PairExclusion() { Reason = ""; RecordedBy = ""; }

    public PairExclusion(Guid councilId, Guid cookId, Guid dinerId, string reason, string recordedBy, DateTimeOffset recordedAt)
    {
        CouncilId = councilId;
        CookId = cookId;
        DinerId = dinerId;
        Reason = Text.Required(reason, nameof(reason), MatchProposal.MaxReasonLength);
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid CouncilId { get; private set; }
    public Guid CookId { get; private set; }
    public Guid DinerId { get; private set; }
    public string Reason { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
}

/// <summary>One matching round for a council and a delivery day, kept so its proposals and explanations can be reviewed.</summary>
public sealed class MatchingRun : Aggregate
{
    private readonly List<UnmatchedDinerRecord> _unmatched = [];
    private readonly List<CoverageArea> _coverage = [];

    private MatchingRun() { StartedBy = ""; }

    public MatchingRun(Guid councilId, DateOnly deliveryDate, string startedBy, bool scheduled, DateTimeOffset startedAt)
    {
        CouncilId = councilId;
        DeliveryDate = deliveryDate;
        StartedBy = startedBy;
        Scheduled = scheduled;
        StartedAt = startedAt;
    }

    public Guid CouncilId { get; private set; }
    public DateOnly DeliveryDate { get; private set; }

    /// <summary>The coordinator who asked, or "schedule" for the worker's daily round.</summary>
    public string StartedBy { get; private set; }

    public bool Scheduled { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public IReadOnlyList<UnmatchedDinerRecord> Unmatched => _unmatched;
    public IReadOnlyList<CoverageArea> Coverage => _coverage;

    public void RecordUnmatched(Guid dinerId, IReadOnlyList<string> reasons) => _unmatched.Add(new UnmatchedDinerRecord(dinerId, reasons));

    public void RecordCoverage(GeoPoint centre, int diners, double radiusKm) => _coverage.Add(new CoverageArea(centre.Latitude, centre.Longitude, diners, radiusKm));
}

/// <summary>A diner a round left without a meal, and why.</summary>
public sealed record UnmatchedDinerRecord(Guid DinerId, IReadOnlyList<string> Reasons);

/// <summary>Where unmatched diners gather: an approximate centre, how many, and how far they spread.</summary>
public sealed record CoverageArea(double Latitude, double Longitude, int Diners, double RadiusKm);
