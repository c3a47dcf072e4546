using Brokering.Domain.Bookings;
using Brokering.Domain.Pairings;

namespace Brokering.Domain.Tests;

public sealed class BookingDeskTests
{
    private static BookingFacts Facts(bool excluded = false, Pairing? pairing = null, bool alreadyBooked = false, bool councilsShare = false,
        int portions = 3, Guid? dinerCouncil = null)
    {
        var cook = A.ApprovedCook();
        var offer = A.Offer(cook, portions: portions);
        return new BookingFacts(offer, cook, A.Diner(council: dinerCouncil), A.Policy(), councilsShare, excluded, pairing, alreadyBooked);
    }

    private static Pairing Approved(BookingFacts facts)
    {
        var pairing = new Pairing(A.Council, facts.Cook.Id, facts.Diner.Id, "coordinator-1", A.Now);
        pairing.RecordIntroduction(A.Today);
        pairing.Approve("coordinator-1", A.Now);
        return pairing;
    }

    [Fact]
    public void An_approved_pair_may_book_by_anyone_and_the_pairing_is_left_as_it_is()
    {
        var facts = Facts();
        facts = facts with { Pairing = Approved(facts) };

        foreach (var booker in Enum.GetValues<Booker>())
        {
            var decision = BookingDesk.Decide(facts, booker);
            Assert.True(decision.Allowed, booker.ToString());
            Assert.Equal(PairingStep.None, decision.Pairing);
            Assert.InRange(decision.DistanceKm, 0.5, 0.6);
        }
    }

    [Fact]
    public void A_first_meal_needs_a_coordinator_who_approves_the_pair_by_booking_it_or_starts_an_introduction_by_approving_a_proposal()
    {
        var facts = Facts();

        Assert.Equal([BookingDesk.NotIntroducedReason], BookingDesk.Decide(facts, Booker.Referrer).Refusal!.Reasons);
        Assert.Equal(RefusalKind.RuleRefused, BookingDesk.Decide(facts, Booker.RegularMeal).Refusal!.Kind);
        Assert.Equal(PairingStep.ApprovedByCoordinator, BookingDesk.Decide(facts, Booker.Coordinator).Pairing);
        Assert.Equal(PairingStep.Introduction, BookingDesk.Decide(facts, Booker.Proposal).Pairing);

        var introduced = new Pairing(A.Council, facts.Cook.Id, facts.Diner.Id, "coordinator-1", A.Now);
        var awaiting = facts with { Pairing = introduced };
        Assert.Equal((true, PairingStep.None), (BookingDesk.Decide(awaiting, Booker.Proposal).Allowed, BookingDesk.Decide(awaiting, Booker.Proposal).Pairing));
        Assert.False(BookingDesk.Decide(awaiting, Booker.Referrer).Allowed);
    }

    [Fact]
    public void A_recorded_exclusion_refuses_the_pair_whoever_books_and_whatever_their_pairing()
    {
        var facts = Facts(excluded: true);
        facts = facts with { Pairing = Approved(facts) };

        Assert.All(Enum.GetValues<Booker>(), booker =>
            Assert.Equal((RefusalKind.RuleRefused, BookingDesk.ExcludedReason), (BookingDesk.Decide(facts, booker).Refusal!.Kind, BookingDesk.Decide(facts, booker).Refusal!.Reasons.Single())));
    }

    [Fact]
    public void A_diner_of_another_council_may_book_only_under_a_sharing_agreement()
    {
        var other = Facts(dinerCouncil: Guid.NewGuid());
        other = other with { Pairing = Approved(other) };

        Assert.Contains(BookingDesk.Decide(other, Booker.Coordinator).Refusal!.Reasons, r => r.Contains("no sharing agreement", StringComparison.Ordinal));
        Assert.True(BookingDesk.Decide(other with { CouncilsShare = true }, Booker.Coordinator).Allowed);
    }

    [Fact]
    public void A_full_offer_is_a_conflict_before_any_rule_and_a_second_portion_for_the_same_diner_is_a_conflict_after_them()
    {
        var full = Facts(excluded: true, portions: 1);
        full.Offer.TakePortion();
        Assert.Equal(RefusalKind.NoPortions, BookingDesk.Decide(full, Booker.Coordinator).Refusal!.Kind);

        var twice = Facts(alreadyBooked: true);
        twice = twice with { Pairing = Approved(twice) };
        Assert.Equal(RefusalKind.AlreadyBooked, BookingDesk.Decide(twice, Booker.Referrer).Refusal!.Kind);
        Assert.Equal(RefusalKind.RuleRefused, BookingDesk.Decide(twice with { Excluded = true }, Booker.Referrer).Refusal!.Kind);
    }
}
