using Brokering.Domain.Cooks;
using Brokering.Domain.Councils;
using Brokering.Domain.Diners;
using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;

namespace Brokering.Domain.Bookings;

/// <summary>Who asks for a portion, which decides what a cook and diner's first meal together needs.</summary>
public enum Booker
{
    /// <summary>A referrer (or the diner's side): only for a pair a coordinator has approved.</summary>
    Referrer,

    /// <summary>A coordinator booking by hand: a first meal is the coordinator approving the pair.</summary>
    Coordinator,

    /// <summary>A coordinator approving the matcher's proposal: a first meal is the pair's introduction visit.</summary>
    Proposal,

    /// <summary>A regular meal the pair agreed: only while their pairing stays approved.</summary>
    RegularMeal,
}

/// <summary>
/// What the desk must know about one offer and one diner, gathered by the caller as of now: the
/// offer's council policy (which checked the cook), whether the two councils share, a recorded
/// exclusion of the pair, their pairing if any, and whether the diner already has a live booking of the offer.
/// </summary>
public sealed record BookingFacts(
    MealOffer Offer, Cook Cook, Diner Diner, CouncilPolicy Policy, bool CouncilsShare, bool Excluded, Pairing? Pairing, bool AlreadyBooked);

public enum RefusalKind
{
    /// <summary>The offer is full, withdrawn or closed: a conflict with its state (409).</summary>
    NoPortions,

    /// <summary>The diner already has a portion of this offer (409).</summary>
    AlreadyBooked,

    /// <summary>A rule of the scheme refuses this diner this meal (422); the reasons say which.</summary>
    RuleRefused,
}

public sealed record BookingRefusal(RefusalKind Kind, IReadOnlyList<string> Reasons);

/// <summary>What a confirmed first meal does to the pair's relationship.</summary>
public enum PairingStep
{
    None,

    /// <summary>No pairing yet, and a coordinator booked: the pairing starts approved.</summary>
    ApprovedByCoordinator,

    /// <summary>No pairing yet, from an approved proposal: the meal is the introduction visit, and approval follows it.</summary>
    Introduction,
}

/// <summary>Allowed (with the distance and what it does to the pairing), or refused and why.</summary>
public sealed record BookingDecision(double DistanceKm, PairingStep Pairing, BookingRefusal? Refusal)
{
    public bool Allowed => Refusal is null;
}

/// <summary>
/// The one decision every way of booking asks, so each refusal reads the same whichever path
/// met it: the API, a coordinator approving a proposal, or a regular meal. It checks, in this
/// order: the offer has a portion left; every hard rule (<see cref="Eligibility"/>, sharing
/// agreements included), a recorded exclusion of the pair, and what a first meal needs; and that
/// the diner has no portion of this offer yet. A pure function of its inputs.
/// </summary>
public static class BookingDesk
{
    public const string ExcludedReason = "this cook and diner have been recorded as excluded";

    public const string NotIntroducedReason = "this cook and diner have not been introduced; a coordinator books their first meal together";

    public static BookingDecision Decide(BookingFacts facts, Booker booker)
    {
        var offer = facts.Offer;
        if (offer.Status != OfferStatus.Open || offer.PortionsLeft == 0)
        {
            return new(0, PairingStep.None, NoPortionsLeft(offer));
        }

        var eligibility = Eligibility.Check(offer, facts.Cook, facts.Diner, facts.Policy, facts.CouncilsShare);
        var reasons = eligibility.Reasons.ToList();
        if (facts.Excluded)
        {
            reasons.Add(ExcludedReason);
        }

        var step = PairingStep.None;
        if (facts.Pairing is not { IsApproved: true })
        {
            switch (booker)
            {
                case Booker.Coordinator when facts.Pairing is null:
                    step = PairingStep.ApprovedByCoordinator;
                    break;
                case Booker.Proposal when facts.Pairing is null:
                    step = PairingStep.Introduction;
                    break;
                case Booker.Referrer or Booker.RegularMeal:
                    reasons.Add(NotIntroducedReason);
                    break;
            }
        }

        if (reasons.Count > 0)
        {
            return new(eligibility.DistanceKm, PairingStep.None, new BookingRefusal(RefusalKind.RuleRefused, [.. reasons]));
        }

        return facts.AlreadyBooked
            ? new(eligibility.DistanceKm, PairingStep.None, AlreadyBooked)
            : new BookingDecision(eligibility.DistanceKm, step, null);
    }

    /// <summary>The refusal when the diner already has a portion, also when a racing request's unique index says so after the desk allowed it.</summary>
    public static readonly BookingRefusal AlreadyBooked = new(RefusalKind.AlreadyBooked, ["this diner already has a portion of this offer"]);

    /// <summary>The refusal when the offer has no portion left, also when the portion went to a racing request after the desk allowed it.</summary>
    public static BookingRefusal NoPortionsLeft(MealOffer offer) => new(RefusalKind.NoPortions,
        [offer.Status == OfferStatus.Open ? $"the offer of {offer.Dish} has no portions left to book" : $"the offer of {offer.Dish} is {Names.Of(offer.Status)} with no portions left to book"]);
}
