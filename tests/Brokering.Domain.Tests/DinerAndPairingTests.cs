using Brokering.Domain.Diners;
using Brokering.Domain.Pairings;

namespace Brokering.Domain.Tests;

public class DinerAndPairingTests
{
    [Fact]
    public void A_referral_needs_the_diners_consent()
    {
        var refused = Assert.Throws<RuleRefusedException>(() => new Diner(A.Council, "Edna", "Smith", new GeoPoint(51.5, -0.1),
            Allergens.None, Diets.None, ContactChannel.Letter, new ContactDetails(null, null, "1 High St"),
            new Consent(false, "referrer", A.Now), null, "referrer"));
        Assert.Contains("consent", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_diner_moves_from_referred_to_approved_paused_and_closed()
    {
        var diner = A.Diner(approved: false);
        Assert.Equal(DinerStatus.Referred, diner.Status);
        Assert.False(diner.IsActive);
        Assert.Throws<InvalidTransitionException>(diner.Pause);

        diner.Approve();
        Assert.True(diner.IsActive);
        diner.Pause();
        Assert.False(diner.IsActive);
        diner.Approve();
        diner.Close();
        Assert.Equal(DinerStatus.Closed, diner.Status);
        Assert.Throws<InvalidTransitionException>(diner.Approve);
        Assert.Throws<InvalidTransitionException>(diner.Close);
    }

    [Fact]
    public void A_first_pairing_is_approved_only_after_the_introduction_visit()
    {
        var pairing = new Pairing(A.Council, Guid.NewGuid(), Guid.NewGuid(), "coordinator", A.Now);
        Assert.Throws<InvalidTransitionException>(() => pairing.Approve("coordinator", A.Now));

        pairing.RecordIntroduction(A.Today);
        pairing.Approve("coordinator", A.Now);

        Assert.True(pairing.IsApproved);
        Assert.Equal(A.Today, pairing.IntroducedOn);
        Assert.Throws<InvalidTransitionException>(() => pairing.RecordIntroduction(A.Today));
        pairing.End("diner moved away");
        Assert.Equal(PairingStatus.Ended, pairing.Status);
        Assert.Throws<InvalidTransitionException>(() => pairing.End("again"));
    }

    [Fact]
    public void A_coordinator_booking_a_first_meal_approves_the_pairing_in_their_name()
    {
        var pairing = Pairing.ApprovedByCoordinator(A.Council, Guid.NewGuid(), Guid.NewGuid(), "coordinator-7", A.Now);
        Assert.True(pairing.IsApproved);
        Assert.Equal("coordinator-7", pairing.ApprovedBy);
    }
}
