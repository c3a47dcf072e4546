using Brokering.Domain.Bookings;
using Brokering.Domain.Concerns;
using Brokering.Domain.Offers;

namespace Brokering.Domain.Tests;

public class OfferAndBookingTests
{
    [Fact]
    public void Taking_the_last_portion_makes_the_offer_full_and_giving_one_back_opens_it()
    {
        var offer = A.Offer(A.ApprovedCook(), portions: 2);
        offer.TakePortion();
        Assert.Equal(OfferStatus.Open, offer.Status);
        offer.TakePortion();
        Assert.Equal(OfferStatus.Full, offer.Status);
        Assert.Equal(0, offer.PortionsLeft);
        Assert.Throws<InvalidTransitionException>(offer.TakePortion);

        offer.ReleasePortion();
        Assert.Equal(OfferStatus.Open, offer.Status);
        Assert.Equal(1, offer.PortionsLeft);
    }

    [Fact]
    public void An_offer_never_gives_back_more_portions_than_it_had()
    {
        var offer = A.Offer(A.ApprovedCook(), portions: 2);
        Assert.Throws<InvalidTransitionException>(offer.ReleasePortion);
    }

    [Fact]
    public void A_closed_or_withdrawn_offer_cannot_be_booked_or_closed_again()
    {
        var closed = A.Offer(A.ApprovedCook());
        closed.Close();
        Assert.Throws<InvalidTransitionException>(closed.TakePortion);
        Assert.Throws<InvalidTransitionException>(closed.Withdraw);

        var withdrawn = A.Offer(A.ApprovedCook());
        withdrawn.Withdraw();
        Assert.Equal(OfferStatus.Withdrawn, withdrawn.Status);
        Assert.Throws<InvalidTransitionException>(withdrawn.Close);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(10_000)]
    public void An_offer_has_between_one_and_twelve_portions(int portions)
    {
        Assert.Throws<DomainValidationException>(() => A.Offer(A.ApprovedCook(), portions: portions));
    }

    [Fact]
    public void Only_an_approved_cook_can_offer_and_not_for_a_past_day_or_a_backwards_window()
    {
        Assert.Throws<RuleRefusedException>(() => A.Offer(A.AppliedCook()));
        Assert.Throws<DomainValidationException>(() => A.Offer(A.ApprovedCook(), on: A.Today.AddDays(-1)));
        Assert.Throws<DomainValidationException>(() => new DeliveryWindow(new TimeOnly(13, 0), new TimeOnly(12, 0)));
    }

    [Fact]
    public void Every_offer_carries_the_safe_handling_guidance()
    {
        Assert.Contains("75 °C", A.Offer(A.ApprovedCook()).SafetyGuidance, StringComparison.Ordinal);
    }

    [Fact]
    public void A_booking_is_delivered_then_rated_once()
    {
        var booking = NewBooking();
        booking.MarkDelivered(A.Now);
        booking.GiveFeedback(new Feedback(4, "Tasty", "referrer", A.Now));

        Assert.Equal(BookingStatus.Delivered, booking.Status);
        Assert.Equal(4, booking.Feedback!.Rating);
        Assert.Throws<InvalidTransitionException>(() => booking.GiveFeedback(new Feedback(5, null, "referrer", A.Now)));
        Assert.Throws<InvalidTransitionException>(() => booking.Cancel("late", "cook", A.Now));
    }

    [Fact]
    public void Only_a_delivered_meal_can_be_rated_and_ratings_run_from_one_to_five()
    {
        Assert.Throws<InvalidTransitionException>(() => NewBooking().GiveFeedback(new Feedback(3, null, "r", A.Now)));
        Assert.Throws<DomainValidationException>(() => new Feedback(0, null, "r", A.Now));
        Assert.Throws<DomainValidationException>(() => new Feedback(6, null, "r", A.Now));
    }

    [Fact]
    public void A_cancellation_needs_a_reason_and_ends_the_booking()
    {
        var booking = NewBooking();
        Assert.Throws<DomainValidationException>(() => booking.Cancel("  ", "cook", A.Now));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);

        booking.Cancel("Cook is unwell", "cook", A.Now);
        Assert.Equal(BookingStatus.Cancelled, booking.Status);
        Assert.Equal("Cook is unwell", booking.CancellationReason);
        Assert.Throws<InvalidTransitionException>(() => booking.MarkDelivered(A.Now));
        Assert.Throws<InvalidTransitionException>(() => booking.RecordNoAnswer(A.Now));
    }

    [Fact]
    public void A_confirmed_booking_is_flagged_for_review_once_and_an_ended_one_not_at_all()
    {
        var booking = NewBooking();
        Assert.True(booking.FlagForReview("cook's DBS check lapses first"));
        Assert.False(booking.FlagForReview("a second reason"));
        Assert.Equal("cook's DBS check lapses first", booking.ReviewReason);

        var delivered = NewBooking();
        delivered.MarkDelivered(A.Now);
        Assert.False(delivered.FlagForReview("too late"));
        Assert.Null(delivered.ReviewReason);
    }

    [Fact]
    public void A_concern_raised_about_a_booking_names_its_diner_and_cook_and_needs_words()
    {
        var booking = NewBooking();
        var concern = Concern.About(booking, ConcernSeverity.Routine, "Seemed lonely", "cook", A.Now);

        Assert.Equal((booking.DinerId, booking.CookId, booking.Id), (concern.DinerId, concern.CookId!.Value, concern.BookingId!.Value));
        Assert.Throws<DomainValidationException>(() => Concern.About(booking, ConcernSeverity.Urgent, "  ", "cook", A.Now));
    }

    [Fact]
    public void No_answer_at_the_door_ends_the_booking_and_makes_an_urgent_concern_about_the_diner()
    {
        var booking = NewBooking();
        booking.RecordNoAnswer(A.Now);
        var concern = Concern.NoAnswerAtDoor(booking, "cook", A.Now);

        Assert.Equal(BookingStatus.NoAnswer, booking.Status);
        Assert.Equal(ConcernSeverity.Urgent, concern.Severity);
        Assert.Equal(booking.DinerId, concern.DinerId);
        Assert.Throws<InvalidTransitionException>(() => booking.MarkDelivered(A.Now));

        concern.Resolve("Diner was at the GP; nominated contact confirmed");
        Assert.Equal(ConcernStatus.Resolved, concern.Status);
        Assert.Throws<InvalidTransitionException>(() => concern.Resolve("again"));
    }

    private static Booking NewBooking() => new(A.Offer(A.ApprovedCook()), Guid.NewGuid(), A.Council, 0.5, "coordinator", A.Now, null);
}
