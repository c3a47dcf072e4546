using Brokering.Domain.Diners;
using Brokering.Domain.Notifications;

namespace Brokering.Domain.Tests;

public sealed class NotificationTests
{
    private static Diner Reached(ContactChannel channel, string? phone = null, string? email = null, string? address = null, NominatedContact? contact = null) =>
        new(A.Council, "Edna", "Smith", new GeoPoint(51.5, -0.1), Allergens.None, Diets.None, channel,
            new ContactDetails(phone, email, address), new Consent(true, "referrer-1", A.Now), contact, "referrer-1");

    [Theory]
    [InlineData(ContactChannel.Sms, NotificationChannel.Sms, "07700 900123")]
    [InlineData(ContactChannel.Email, NotificationChannel.Email, "edna@example.test")]
    [InlineData(ContactChannel.Letter, NotificationChannel.Letter, "4 Mill Lane, Leeds, LS1 4AB")]
    [InlineData(ContactChannel.Phone, NotificationChannel.Phone, "07700 900123")]
    public void A_diner_is_reached_by_the_channel_they_chose(ContactChannel chosen, NotificationChannel expected, string destination)
    {
        var recipient = Recipient.Diner(Reached(chosen, "07700 900123", "edna@example.test", "4 Mill Lane, Leeds, LS1 4AB"));
        Assert.Equal(expected, recipient.Channel);
        Assert.Equal(destination, recipient.Destination);
    }

    [Fact]
    public void A_diner_without_the_detail_their_channel_needs_goes_on_the_call_list_rather_than_hearing_nothing()
    {
        var recipient = Recipient.Diner(Reached(ContactChannel.Letter, phone: "01632 960001"));
        Assert.Equal(NotificationChannel.Phone, recipient.Channel);
        Assert.Equal("01632 960001", recipient.Destination);
        var notification = new Notification(A.Council, NotificationKind.BookingConfirmed, recipient, new Dictionary<string, string>(), null, A.Now);
        Assert.Equal(NotificationStatus.ToCall, notification.Status);
    }

    [Fact]
    public void A_nominated_contact_is_texted_or_called_and_a_diner_without_one_has_none()
    {
        Assert.Null(Recipient.NominatedContactOf(Reached(ContactChannel.Sms, phone: "07700 900123")));
        var texted = Recipient.NominatedContactOf(Reached(ContactChannel.Sms, contact: new NominatedContact("Sam Smith", "07700 900999", "son")))!;
        Assert.Equal((NotificationChannel.Sms, "07700 900999"), (texted.Channel, texted.Destination));
        var called = Recipient.NominatedContactOf(Reached(ContactChannel.Sms, contact: new NominatedContact("Sam Smith", null, "son")))!;
        Assert.Equal(NotificationChannel.Phone, called.Channel);
    }

    [Fact]
    public void Only_welfare_alerts_are_urgent()
    {
        var to = Recipient.ByEmail(RecipientRole.Coordinator, "staff-1", "staff@council.test");
        Assert.All(Enum.GetValues<NotificationKind>(), kind =>
            Assert.Equal(kind is NotificationKind.NoAnswerAlert or NotificationKind.UrgentConcern or NotificationKind.ConcernEscalated, new Notification(A.Council, kind, to, new Dictionary<string, string>(), null, A.Now).Urgent));
    }

    [Fact]
    public void A_message_with_a_gap_in_it_is_refused_rather_than_sent()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            NotificationTemplates.Render(NotificationKind.CookApproved, RecipientRole.Cook, new Dictionary<string, string> { ["name"] = "Pat" }));
        Assert.Contains("((council))", error.Message);
        Assert.Throws<InvalidOperationException>(() =>
            NotificationTemplates.Render(NotificationKind.FeedbackRequest, RecipientRole.Cook, new Dictionary<string, string>()));
    }

    [Fact]
    public void Only_a_failed_message_can_be_retried_and_only_one_on_the_call_list_marked_called()
    {
        var sms = new Notification(A.Council, NotificationKind.BookingConfirmed, new Recipient(RecipientRole.Diner, "d", NotificationChannel.Sms, "07700 900123"),
            new Dictionary<string, string>(), null, A.Now);
        Assert.Throws<InvalidTransitionException>(() => sms.Retry(A.Now));
        Assert.Throws<InvalidTransitionException>(() => sms.MarkCalled(A.Now));
        sms.Cancel();
        Assert.Equal(NotificationStatus.Cancelled, sms.Status);
    }
}
