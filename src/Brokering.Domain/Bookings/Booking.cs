using Brokering.Domain.Offers;

namespace Brokering.Domain.Bookings;

public enum BookingStatus
{
    Confirmed,
    Delivered,
    Cancelled,
    NoAnswer,
}

/// <summary>A diner's rating of a delivered meal, from 1 to 5.</summary>
public sealed record Feedback
{
    public const int MaxCommentLength = 2000;

    public Feedback(int rating, string? comment, string givenBy, DateTimeOffset givenAt)
    {
        if (rating is < 1 or > 5)
        {
            throw new DomainValidationException(nameof(rating), "must be between 1 and 5");
        }

        Rating = rating;
        Comment = Text.Optional(comment, nameof(comment), MaxCommentLength);
        GivenBy = givenBy;
        GivenAt = givenAt;
    }

    public int Rating { get; private init; }
    public string? Comment { get; private init; }
    public string GivenBy { get; private init; }
    public DateTimeOffset GivenAt { get; private init; }
}

/// <summary>
/// One portion of one offer for one diner. Confirmed, then delivered (and perhaps rated), or
/// cancelled with a reason, or "no answer" at the door, which is a welfare concern.
/// </summary>
public sealed class Booking : Aggregate, ICouncilOwned
{
    public const int MaxIdempotencyKeyLength = 100;

    /// <summary>The longest reason a cancellation may give.</summary>
    public const int MaxReasonLength = 500;

    private Booking() { BookedBy = ""; }

    /// <summary>
    /// A booking belongs to the diner's council, which answers for the diner's welfare; under a
    /// sharing agreement the offer's cook may belong to a neighbouring council.
    /// </summary>
    public Booking(MealOffer offer, Guid dinerId, Guid dinerCouncilId, double distanceKm, string bookedBy, DateTimeOffset bookedAt, string? idempotencyKey)
    {
        CouncilId = dinerCouncilId;
        OfferId = offer.Id;
        CookId = offer.CookId;
        DinerId = dinerId;
        DistanceKm = distanceKm;
        BookedBy = bookedBy;
        BookedAt = bookedAt;
        IdempotencyKey = Text.Optional(idempotencyKey, "Idempotency-Key", MaxIdempotencyKeyLength);
        Status = BookingStatus.Confirmed;
    }

    public Guid CouncilId { get; private set; }
    public Guid OfferId { get; private set; }
    public Guid CookId { get; private set; }
    public Guid DinerId { get; private set; }
    public double DistanceKm { get; private set; }
    public string BookedBy { get; private set; }
    public DateTimeOffset BookedAt { get; private set; }
    public string? IdempotencyKey { get; private set; }
    public BookingStatus Status { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public string? CancelledBy { get; private set; }
    public string? CancellationReason { get; private set; }
    public DateTimeOffset? NoAnswerAt { get; private set; }
    public Feedback? Feedback { get; private set; }

    /// <summary>Why a coordinator must look at this booking before the meal (the cook's check lapses first), or null.</summary>
    public string? ReviewReason { get; private set; }

    public const int MaxReviewReasonLength = 500;

    /// <summary>Asks a coordinator to review a confirmed booking; the first reason stands until they act.</summary>
    public bool FlagForReview(string reason)
    {
        if (Status != BookingStatus.Confirmed || ReviewReason is not null)
        {
            return false;
        }

        ReviewReason = Text.Required(reason, nameof(reason), MaxReviewReasonLength);
        return true;
    }

    public void MarkDelivered(DateTimeOffset at)
    {
        RequireConfirmed("marked delivered");
        Status = BookingStatus.Delivered;
        DeliveredAt = at;
    }

    /// <summary>Cancels the booking; the caller gives the portion back to the offer.</summary>
    public void Cancel(string reason, string by, DateTimeOffset at)
    {
        var why = Text.Required(reason, nameof(reason), MaxReasonLength);
        RequireConfirmed("cancelled");
        Status = BookingStatus.Cancelled;
        CancellationReason = why;
        CancelledBy = by;
        CancelledAt = at;
    }

    /// <summary>The cook got no reply at the door. The caller raises an urgent welfare concern.</summary>
    public void RecordNoAnswer(DateTimeOffset at)
    {
        RequireConfirmed("recorded as no answer");
        Status = BookingStatus.NoAnswer;
        NoAnswerAt = at;
    }

    public void GiveFeedback(Feedback feedback)
    {
        if (Status != BookingStatus.Delivered)
        {
            throw new InvalidTransitionException("booking", Names.Of(Status), "given feedback");
        }

        if (Feedback is not null)
        {
            throw new InvalidTransitionException("booking", "already rated", "given feedback again");
        }

        Feedback = feedback;
    }

    private void RequireConfirmed(string action)
    {
        if (Status != BookingStatus.Confirmed)
        {
            throw new InvalidTransitionException("booking", Names.Of(Status), action);
        }
    }
}
