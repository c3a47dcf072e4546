using System.Text.Json;
using Brokering.Domain.Diners;

namespace Brokering.Domain.Notifications;

/// <summary>Why someone is being told something; each kind has its own template.</summary>
public enum NotificationKind
{
    CookApproved,
    BookingConfirmed,
    BookingCancelled,
    DeliveryReminder,
    NoAnswerAlert,
    UrgentConcern,
    ConcernEscalated,
    CheckExpiring,
    FeedbackRequest,
    ContributionRequested,
    RegularMealSkipped,
    RegularMealsPaused,
    BackupCookAsked,
    UncoveredMeal,
}

/// <summary>How the message reaches the person. Phone means a coordinator rings them from the call list.</summary>
public enum NotificationChannel
{
    Email,
    Sms,
    Letter,
    Phone,
}

public enum NotificationStatus
{
    /// <summary>Waiting to be sent when due, or to be retried.</summary>
    Pending,
    Sent,

    /// <summary>On the coordinators' call list.</summary>
    ToCall,
    Called,

    /// <summary>Refused by the provider, or out of retries: parked for a coordinator, never dropped.</summary>
    Failed,

    /// <summary>No longer wanted, such as the reminder for a booking that was cancelled.</summary>
    Cancelled,
}

public enum RecipientRole
{
    Cook,
    Diner,
    NominatedContact,
    Coordinator,
}

/// <summary>
/// Who is told, by which channel and at which address. A diner whose chosen channel lacks the
/// detail it needs (an SMS diner with no mobile number) goes on the call list instead, so nobody
/// silently hears nothing.
/// </summary>
public sealed record Recipient(RecipientRole Role, string Id, NotificationChannel Channel, string? Destination)
{
    public static Recipient Diner(Diner diner)
    {
        var (channel, destination) = diner.ContactChannel switch
        {
            ContactChannel.Sms => (NotificationChannel.Sms, diner.Contact.Phone),
            ContactChannel.Email => (NotificationChannel.Email, diner.Contact.Email),
            ContactChannel.Letter => (NotificationChannel.Letter, diner.Contact.Address),
            _ => (NotificationChannel.Phone, diner.Contact.Phone),
        };
        return destination is null
            ? new(RecipientRole.Diner, diner.Id.ToString(), NotificationChannel.Phone, diner.Contact.Phone)
            : new(RecipientRole.Diner, diner.Id.ToString(), channel, destination);
    }

    /// <summary>The diner's relative or carer, by text message, or by a coordinator's call when they gave no number.</summary>
    public static Recipient? NominatedContactOf(Diner diner) => diner.NominatedContact is { } contact
        ? new(RecipientRole.NominatedContact, diner.Id.ToString(), contact.Phone is null ? NotificationChannel.Phone : NotificationChannel.Sms, contact.Phone)
        : null;

    /// <summary>Cooks and staff sign in with an email address, so that is where they hear from us.</summary>
    public static Recipient ByEmail(RecipientRole role, string id, string email) => new(role, id, NotificationChannel.Email, email);
}

/// <summary>
/// One message to one person, written in the same transaction as the change it reports (the
/// transactional outbox), then claimed and sent by a worker. Its id is the provider's reference,
/// so a send repeated after a crash is recognisably the same message.
/// <para>
/// <see cref="Destination"/> and <see cref="Fields"/> are personal data: they are erased once the
/// council's retention period has passed, leaving the row as a record that a message was sent.
/// </para>
/// </summary>
public sealed class Notification : ICouncilOwned
{
    public const int MaxErrorLength = 500;

    /// <summary>A phone number, an e-mail address or a postal address, whichever the channel needs.</summary>
    public const int MaxDestinationLength = ContactDetails.MaxAddressLength;

    /// <summary>The message's fields as JSON: first names, a dish, a date and a window, far below this.</summary>
    public const int MaxFieldsLength = 4000;

    /// <summary>The provider's id for a sent message (a GOV.UK Notify or SendGrid id).</summary>
    public const int MaxProviderReferenceLength = 100;

    private Notification() { Fields = "{}"; RecipientId = ""; }

    public Notification(Guid councilId, NotificationKind kind, Recipient recipient, IReadOnlyDictionary<string, string> fields,
        Guid? subjectId, DateTimeOffset createdAt, DateTimeOffset? dueAt = null)
    {
        CouncilId = councilId;
        Kind = kind;
        RecipientRole = recipient.Role;
        RecipientId = recipient.Id;
        Channel = recipient.Channel;
        Destination = recipient.Destination;
        Fields = JsonSerializer.Serialize(fields);
        SubjectId = subjectId;
        Urgent = kind is NotificationKind.NoAnswerAlert or NotificationKind.UrgentConcern or NotificationKind.ConcernEscalated;
        CreatedAt = createdAt;
        DueAt = dueAt ?? createdAt;
        Status = Channel == NotificationChannel.Phone ? NotificationStatus.ToCall : NotificationStatus.Pending;
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();
    public Guid CouncilId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public RecipientRole RecipientRole { get; private set; }

    /// <summary>The cook's, diner's or staff member's id; for a nominated contact, their diner's.</summary>
    public string RecipientId { get; private set; }

    public NotificationChannel Channel { get; private set; }
    public string? Destination { get; private set; }

    /// <summary>The template's values as a JSON object of strings.</summary>
    public string Fields { get; private set; }

    /// <summary>The booking, cook or concern the message is about.</summary>
    public Guid? SubjectId { get; private set; }

    /// <summary>Welfare alerts go out ahead of everything routine.</summary>
    public bool Urgent { get; private set; }

    public NotificationStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Not sent before this moment: a reminder's day, or the next retry.</summary>
    public DateTimeOffset DueAt { get; private set; }

    /// <summary>While in the future, a worker holds the claim; after it, any worker may claim the row again.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    /// <summary>Identifies one claim, so a worker whose claim lapsed cannot overwrite the next one's outcome.</summary>
    public Guid? ClaimToken { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }
    public string? ProviderReference { get; private set; }

    /// <summary>The provider's status and error code; never the message or the address.</summary>
    public string? LastError { get; private set; }

    public DateTimeOffset? ErasedAt { get; private set; }

    public IReadOnlyDictionary<string, string> FieldValues() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Fields) ?? [];

    /// <summary>Withdraws a message that is no longer wanted, unless it has already gone.</summary>
    public void Cancel()
    {
        if (Status is NotificationStatus.Pending or NotificationStatus.ToCall)
        {
            Status = NotificationStatus.Cancelled;
        }
    }

    /// <summary>A coordinator rang the person from the call list.</summary>
    public void MarkCalled(DateTimeOffset at)
    {
        if (Status != NotificationStatus.ToCall)
        {
            throw new InvalidTransitionException("notification", Names.Of(Status), "marked as called");
        }

        Status = NotificationStatus.Called;
        SentAt = at;
    }

    /// <summary>A coordinator sends a parked message again, perhaps after correcting the person's details.</summary>
    public void Retry(DateTimeOffset at)
    {
        if (Status != NotificationStatus.Failed)
        {
            throw new InvalidTransitionException("notification", Names.Of(Status), "retried");
        }

        Status = NotificationStatus.Pending;
        Attempts = 0;
        DueAt = at;
        LockedUntil = null;
        ClaimToken = null;
    }
}
