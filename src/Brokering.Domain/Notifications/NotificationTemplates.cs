using System.Text;

namespace Brokering.Domain.Notifications;

/// <summary>A message ready for a channel: a subject for email and letters, and the text itself.</summary>
public sealed record RenderedMessage(string Subject, string Body);

/// <summary>
/// The wording of every message, by kind and by who receives it. Placeholders are written
/// <c>((name))</c>, as GOV.UK Notify writes them, and every one must have a value: a message with
/// a gap in it is refused rather than sent. Sentences are short and plain, because many diners
/// read them on a basic phone or have them read aloud.
/// </summary>
public static class NotificationTemplates
{
    private static readonly Dictionary<(NotificationKind, RecipientRole), (string Subject, string Body)> Templates = new()
    {
        [(NotificationKind.CookApproved, RecipientRole.Cook)] = (
            "You are approved to cook",
            "Hello ((name)). Your checks are complete and ((council)) has approved you to share meals. You can now offer portions to neighbours near you."),
        [(NotificationKind.BookingConfirmed, RecipientRole.Diner)] = (
            "Your meal on ((date))",
            "Hello ((name)). ((cook)) will bring you ((dish)) on ((date)) between ((window)). If you cannot take it, please tell us."),
        [(NotificationKind.BookingConfirmed, RecipientRole.Cook)] = (
            "Meal booked for ((date))",
            "Hello ((name)). ((diner)) would like a portion of your ((dish)) on ((date)) between ((window))."),
        [(NotificationKind.BookingCancelled, RecipientRole.Diner)] = (
            "Your meal on ((date)) is cancelled",
            "Hello ((name)). Sorry, the meal of ((dish)) on ((date)) has been cancelled: ((reason))."),
        [(NotificationKind.BookingCancelled, RecipientRole.Cook)] = (
            "Booking on ((date)) cancelled",
            "Hello ((name)). The portion of ((dish)) for ((diner)) on ((date)) has been cancelled: ((reason)). The portion is free again."),
        [(NotificationKind.DeliveryReminder, RecipientRole.Diner)] = (
            "Your meal is coming tomorrow",
            "Hello ((name)). A reminder that ((cook)) will bring you ((dish)) tomorrow, ((date)), between ((window))."),
        [(NotificationKind.DeliveryReminder, RecipientRole.Cook)] = (
            "Your delivery tomorrow",
            "Hello ((name)). A reminder that ((diner)) is expecting your ((dish)) tomorrow, ((date)), between ((window)). If nobody answers the door, report it straight away."),
        [(NotificationKind.NoAnswerAlert, RecipientRole.Coordinator)] = (
            "URGENT: no answer at the door",
            "A cook got no answer when delivering to ((diner)) on ((date)) (booking ((booking))). Please check on them now."),
        [(NotificationKind.NoAnswerAlert, RecipientRole.NominatedContact)] = (
            "URGENT: no answer at the door",
            "Hello ((name)). Our volunteer got no answer when bringing ((diner))'s meal on ((date)). Please check they are all right. The council will also follow up."),
        [(NotificationKind.UrgentConcern, RecipientRole.Coordinator)] = (
            "URGENT: a concern about ((about))",
            "An urgent concern was raised about ((about)) at ((raised)). Please look at it now and acknowledge it in the work queue."),
        [(NotificationKind.UrgentConcern, RecipientRole.NominatedContact)] = (
            "URGENT: please check on ((diner))",
            "Hello ((name)). Someone who helps with ((diner))'s meals is worried about them. Please check they are all right. The council will also contact you."),
        [(NotificationKind.ConcernEscalated, RecipientRole.Coordinator)] = (
            "URGENT, NOT YET ACKNOWLEDGED: a concern about ((about))",
            "An urgent concern about ((about)), raised at ((raised)), has not been acknowledged by any coordinator. Please act on it now and acknowledge it in the work queue."),
        [(NotificationKind.ContributionRequested, RecipientRole.Diner)] = (
            "Paying towards your meal on ((date))",
            "Hello ((name)). ((council)) asks for ((amount)) towards the ingredients of your meal on ((date)). You, or someone for you, can pay by card at ((link)). If you cannot pay, please tell us: your meal will still come."),
        [(NotificationKind.ContributionRequested, RecipientRole.NominatedContact)] = (
            "Paying towards ((diner))'s meal on ((date))",
            "Hello ((name)). ((council)) asks for ((amount)) towards the ingredients of ((diner))'s meal on ((date)). If you pay for them, you can pay by card at ((link)). If they cannot pay, please tell us: the meal will still come."),
        [(NotificationKind.CheckExpiring, RecipientRole.Cook)] = (
            "Your ((check)) check expires on ((expires))",
            "Hello ((name)). Your ((check)) check expires on ((expires)). Please renew it with ((council)) before then, or we cannot match you with diners after that day."),
        [(NotificationKind.CheckExpiring, RecipientRole.Coordinator)] = (
            "A cook's ((check)) check expires on ((expires))",
            "The ((check)) check of ((cook)) expires on ((expires)). After that day they will not be matched."),
        [(NotificationKind.RegularMealSkipped, RecipientRole.Diner)] = (
            "No visit from ((cook)) on ((date))",
            "Hello ((name)). ((cook)) cannot bring your meal on ((date)). We are asking another cook to come instead, and will tell you who."),
        [(NotificationKind.RegularMealSkipped, RecipientRole.Cook)] = (
            "((diner)) does not need a meal on ((date))",
            "Hello ((name)). ((diner)) does not need their meal on ((date)). Your regular meal together carries on the time after."),
        [(NotificationKind.RegularMealsPaused, RecipientRole.Diner)] = (
            "((cook)) is taking a break ((until))",
            "Hello ((name)). ((cook)) is taking a break from your regular meals ((until)). We are asking another cook to come instead while they are away."),
        [(NotificationKind.RegularMealsPaused, RecipientRole.Cook)] = (
            "((diner)) is taking a break ((until))",
            "Hello ((name)). ((diner)) does not need their regular meals ((until)). We will tell you when they start again."),
        [(NotificationKind.BackupCookAsked, RecipientRole.Cook)] = (
            "Could you cook for ((diner)) on ((date))?",
            "Hello ((name)). ((diner))'s regular cook cannot come on ((date)). As their backup cook, could you bring a meal between ((window))? Please tell your coordinator by ((answerBy)) whether you can, and what you would bring."),
        [(NotificationKind.UncoveredMeal, RecipientRole.Coordinator)] = (
            "No cook yet for a regular meal on ((date))",
            "The regular meal of ((diner)) on ((date)) has no cook yet: ((why)). Please arrange one in the work queue before the day."),
        [(NotificationKind.FeedbackRequest, RecipientRole.Diner)] = (
            "How was your meal?",
            "Hello ((name)). We hope you enjoyed the ((dish)) from ((cook)). Tell us how it was when we next speak, or reply to this message."),
    };

    public static bool Exists(NotificationKind kind, RecipientRole role) => Templates.ContainsKey((kind, role));

    /// <exception cref="InvalidOperationException">No template for this kind and recipient, or a placeholder without a value.</exception>
    public static RenderedMessage Render(NotificationKind kind, RecipientRole role, IReadOnlyDictionary<string, string> fields)
    {
        if (!Templates.TryGetValue((kind, role), out var template))
        {
            throw new InvalidOperationException($"There is no {Names.Of(kind)} message for a {Names.Of(role)}.");
        }

        return new(Fill(template.Subject, fields), Fill(template.Body, fields));
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> fields)
    {
        var text = new StringBuilder(template.Length + 64);
        var at = 0;
        while (true)
        {
            var open = template.IndexOf("((", at, StringComparison.Ordinal);
            if (open < 0)
            {
                return text.Append(template, at, template.Length - at).ToString();
            }

            var close = template.IndexOf("))", open, StringComparison.Ordinal);
            var name = template[(open + 2)..close];
            if (!fields.TryGetValue(name, out var value))
            {
                throw new InvalidOperationException($"The message has no value for (({name})).");
            }

            text.Append(template, at, open - at).Append(value);
            at = close + 2;
        }
    }
}
