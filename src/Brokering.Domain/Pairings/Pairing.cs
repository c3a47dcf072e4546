namespace Brokering.Domain.Pairings;

public enum PairingStatus
{
    Proposed,
    Introduced,
    Approved,
    Ended,
}

/// <summary>
/// A cook–diner relationship. The first meeting is an introduction visit; a coordinator approves
/// the pairing after it, and from then on bookings between the two need no further approval.
/// </summary>
public sealed class Pairing : Aggregate, ICouncilOwned
{
    public const int MaxEndReasonLength = 500;

    private Pairing() { ProposedBy = ""; }

    public Pairing(Guid councilId, Guid cookId, Guid dinerId, string proposedBy, DateTimeOffset at)
    {
        CouncilId = councilId;
        CookId = cookId;
        DinerId = dinerId;
        ProposedBy = proposedBy;
        ProposedAt = at;
        Status = PairingStatus.Proposed;
    }

    /// <summary>
    /// A pairing a coordinator approves outright by booking the pair's first meal, standing behind
    /// the introduction themself.
    /// </summary>
    public static Pairing ApprovedByCoordinator(Guid councilId, Guid cookId, Guid dinerId, string coordinator, DateTimeOffset at) =>
        new(councilId, cookId, dinerId, coordinator, at)
        {
            Status = PairingStatus.Approved,
            ApprovedBy = coordinator,
            ApprovedAt = at,
        };

    public Guid CouncilId { get; private set; }
    public Guid CookId { get; private set; }
    public Guid DinerId { get; private set; }
    public PairingStatus Status { get; private set; }
    public string ProposedBy { get; private set; }
    public DateTimeOffset ProposedAt { get; private set; }
    public DateOnly? IntroducedOn { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? EndReason { get; private set; }

    public bool IsApproved => Status == PairingStatus.Approved;

    public void RecordIntroduction(DateOnly on)
    {
        Require(PairingStatus.Proposed, "introduced");
        Status = PairingStatus.Introduced;
        IntroducedOn = on;
    }

    /// <summary>A coordinator approves the pair after their introduction visit.</summary>
    public void Approve(string coordinator, DateTimeOffset at)
    {
        Require(PairingStatus.Introduced, "approved");
        Status = PairingStatus.Approved;
        ApprovedBy = coordinator;
        ApprovedAt = at;
    }

    public void End(string reason)
    {
        if (Status == PairingStatus.Ended)
        {
            throw new InvalidTransitionException("pairing", "ended", "ended");
        }

        Status = PairingStatus.Ended;
        EndReason = Text.Required(reason, nameof(reason), MaxEndReasonLength);
    }

    private void Require(PairingStatus from, string action)
    {
        if (Status != from)
        {
            throw new InvalidTransitionException("pairing", Names.Of(Status), action);
        }
    }
}
