namespace Brokering.Domain.Contributions;

public enum ContributionStatus
{
    /// <summary>Owed for a confirmed meal; no payment page made yet.</summary>
    Due,

    /// <summary>A payment page exists and its link has gone to the diner or their nominated contact.</summary>
    Requested,
    Paid,
    Failed,

    /// <summary>The payment page lapsed unpaid.</summary>
    Expired,
    Waived,

    /// <summary>The meal was cancelled before anything was paid.</summary>
    Cancelled,

    /// <summary>A refund was asked for and Stripe has not yet confirmed it.</summary>
    Refunding,
    Refunded,
}

/// <summary>
/// A diner's optional contribution towards the ingredients of one meal, paid by card by the diner
/// or someone for them. Payment events may arrive late, twice or out of order, so each transition
/// says what it does when it no longer applies: a failure reported after a success changes
/// nothing, and money taken is never forgotten, whatever happened to the meal meanwhile.
/// </summary>
public sealed class Contribution : Aggregate, ICouncilOwned
{
    public const string Currency = "gbp";
    public const int MaxErrorLength = 300;
    public const int MaxWaiverReasonLength = 500;

    /// <summary>The longest id Stripe gives a checkout session, payment intent or refund, with room to spare.</summary>
    public const int MaxStripeIdLength = 255;

    /// <summary>Stripe's checkout links are a few hundred characters; browsers take 2,000 anywhere.</summary>
    public const int MaxCheckoutUrlLength = 2000;

    private Contribution() { }

    public Contribution(Guid councilId, Guid bookingId, decimal amountPounds, DateTimeOffset at)
    {
        if (amountPounds <= 0)
        {
            throw new DomainValidationException("contributionAmount", "must be more than zero for a contribution to be asked");
        }

        CouncilId = councilId;
        BookingId = bookingId;
        AmountPence = (int)Math.Round(amountPounds * 100, MidpointRounding.AwayFromZero);
        Status = ContributionStatus.Due;
        CreatedAt = at;
    }

    public Guid CouncilId { get; private set; }
    public Guid BookingId { get; private set; }
    public int AmountPence { get; private set; }
    public ContributionStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string? CheckoutSessionId { get; private set; }
    public string? CheckoutUrl { get; private set; }
    public string? PaymentIntentId { get; private set; }
    public string? RefundId { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public string? WaivedBy { get; private set; }
    public string? WaiverReason { get; private set; }

    /// <summary>The provider's last error code, for coordinators; never card or personal details.</summary>
    public string? LastError { get; private set; }

    /// <summary>Still waiting for money that may come.</summary>
    public bool IsOutstanding => Status is ContributionStatus.Due or ContributionStatus.Requested or ContributionStatus.Failed or ContributionStatus.Expired;

    public void CheckoutCreated(string sessionId, string url)
    {
        if (Status != ContributionStatus.Due)
        {
            return;
        }

        CheckoutSessionId = sessionId;
        CheckoutUrl = url;
        LastError = null;
        Status = ContributionStatus.Requested;
    }

    public void ProviderRefused(string error) => LastError = error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];

    /// <summary>Money was taken. From any state but paid or refunded, since the card was charged whatever we thought.</summary>
    public void Succeeded(string? paymentIntentId, DateTimeOffset at)
    {
        if (Status is ContributionStatus.Paid or ContributionStatus.Refunding or ContributionStatus.Refunded)
        {
            PaymentIntentId ??= paymentIntentId;
            return;
        }

        PaymentIntentId = paymentIntentId ?? PaymentIntentId;
        PaidAt = at;
        Status = ContributionStatus.Paid;
    }

    /// <summary>A card was declined. The payment page stays open, so a later success still counts.</summary>
    public void PaymentFailed()
    {
        if (Status is ContributionStatus.Due or ContributionStatus.Requested)
        {
            Status = ContributionStatus.Failed;
        }
    }

    public void CheckoutExpired()
    {
        if (Status is ContributionStatus.Requested or ContributionStatus.Failed)
        {
            Status = ContributionStatus.Expired;
        }
    }

    /// <summary>A coordinator lets the diner off: nothing is asked for this meal any more.</summary>
    public void Waive(string reason, string by)
    {
        if (!IsOutstanding)
        {
            throw new InvalidTransitionException("contribution", Names.Of(Status), "waived");
        }

        WaiverReason = Text.Required(reason, nameof(reason), MaxWaiverReasonLength);
        WaivedBy = by;
        Status = ContributionStatus.Waived;
    }

    /// <summary>The meal was cancelled before payment: nothing more is asked.</summary>
    public void MealCancelled()
    {
        if (IsOutstanding)
        {
            Status = ContributionStatus.Cancelled;
        }
    }

    public void RefundRequested(string refundId, bool completed)
    {
        if (Status != ContributionStatus.Paid)
        {
            return;
        }

        RefundId = refundId;
        LastError = null;
        Status = completed ? ContributionStatus.Refunded : ContributionStatus.Refunding;
    }

    public void RefundCompleted()
    {
        if (Status is ContributionStatus.Paid or ContributionStatus.Refunding)
        {
            Status = ContributionStatus.Refunded;
        }
    }
}
