using Brokering.Domain.Contributions;

namespace Brokering.Domain.Tests;

/// <summary>Payment events arrive late, twice and out of order; a contribution's state must still tell the truth about the money.</summary>
public sealed class ContributionTests
{
    private static Contribution Requested()
    {
        var contribution = new Contribution(A.Council, Guid.NewGuid(), 3.5m, A.Now);
        contribution.CheckoutCreated("cs_1", "https://checkout.stripe.com/c/pay/cs_1");
        return contribution;
    }

    [Fact]
    public void The_amount_is_held_in_whole_pence_and_nothing_is_asked_for_a_zero_policy()
    {
        Assert.Equal(350, new Contribution(A.Council, Guid.NewGuid(), 3.5m, A.Now).AmountPence);
        Assert.Equal(101, new Contribution(A.Council, Guid.NewGuid(), 1.005m, A.Now).AmountPence);
        Assert.Throws<DomainValidationException>(() => new Contribution(A.Council, Guid.NewGuid(), 0m, A.Now));
    }

    [Fact]
    public void A_failure_or_expiry_reported_after_a_payment_does_not_undo_it()
    {
        var contribution = Requested();
        contribution.Succeeded("pi_1", A.Now);
        contribution.PaymentFailed();
        contribution.CheckoutExpired();
        contribution.Succeeded(null, A.Now.AddMinutes(1));

        Assert.Equal((ContributionStatus.Paid, "pi_1", A.Now), (contribution.Status, contribution.PaymentIntentId, contribution.PaidAt));
    }

    [Fact]
    public void A_declined_card_can_still_be_followed_by_a_payment_on_the_same_page()
    {
        var contribution = Requested();
        contribution.PaymentFailed();
        Assert.True(contribution.IsOutstanding);
        contribution.Succeeded("pi_2", A.Now);
        Assert.Equal(ContributionStatus.Paid, contribution.Status);
    }

    [Fact]
    public void Money_taken_after_a_waiver_or_a_cancellation_is_recorded_as_paid_so_it_can_be_refunded()
    {
        var waived = Requested();
        waived.Waive("pension late", "coordinator");
        waived.Succeeded("pi_3", A.Now);
        var cancelled = Requested();
        cancelled.MealCancelled();
        cancelled.Succeeded("pi_4", A.Now);

        Assert.Equal((ContributionStatus.Paid, ContributionStatus.Paid), (waived.Status, cancelled.Status));
    }

    [Fact]
    public void A_paid_contribution_cannot_be_waived_and_a_refund_completes_once()
    {
        var contribution = Requested();
        contribution.Succeeded("pi_5", A.Now);
        Assert.Throws<InvalidTransitionException>(() => contribution.Waive("too late", "coordinator"));

        contribution.RefundRequested("re_1", completed: false);
        Assert.Equal(ContributionStatus.Refunding, contribution.Status);
        contribution.RefundCompleted();
        contribution.RefundCompleted();
        contribution.Succeeded("pi_5", A.Now);
        Assert.Equal((ContributionStatus.Refunded, "re_1"), (contribution.Status, contribution.RefundId));
    }
}
