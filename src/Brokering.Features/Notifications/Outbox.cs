using System.Globalization;
using Brokering.Domain;
using Brokering.Domain.Bookings;
using Brokering.Domain.Concerns;
using Brokering.Domain.Cooks;
using Brokering.Domain.Diners;
using Brokering.Domain.Notifications;
using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;
using Brokering.Features.Accounts;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Notifications;

/// <summary>
/// Adds the messages a change must send to the same unit of work as the change, so that saving
/// the change saves its messages too, or neither. Nothing here sends anything: workers do.
/// </summary>
public sealed class Outbox(BrokeringDbContext db, TimeProvider time)
{
    /// <summary>When, on UK clocks the day before delivery, reminders go out.</summary>
    public static readonly TimeOnly ReminderTime = new(10, 0);

    // The invariant culture has English day and month names, and works in globalization-invariant mode.
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public async Task CookApprovedAsync(Cook cook, CancellationToken cancellationToken)
    {
        var council = await db.Councils.AsNoTracking().Where(c => c.Id == cook.CouncilId).Select(c => c.Name).SingleAsync(cancellationToken);
        if (await EmailOfAsync(cook.UserId, cancellationToken) is { } email)
        {
            Add(cook.CouncilId, NotificationKind.CookApproved, Recipient.ByEmail(RecipientRole.Cook, cook.Id.ToString(), email), cook.Id,
                new() { ["name"] = cook.DisplayName, ["council"] = council });
        }
    }

    /// <summary>Warns the cook and every coordinator of their council that a required check lapses on <paramref name="expires"/>.</summary>
    public async Task CheckExpiringAsync(Cook cook, CheckKind kind, DateOnly expires, CancellationToken cancellationToken)
    {
        var council = await db.Councils.AsNoTracking().Where(c => c.Id == cook.CouncilId).Select(c => c.Name).SingleAsync(cancellationToken);
        var fields = new Dictionary<string, string>
        {
            ["check"] = Names.Of(kind).Replace('-', ' ').Replace("dbs", "DBS", StringComparison.Ordinal),
            ["expires"] = expires.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
            ["council"] = council,
            ["cook"] = cook.DisplayName,
            ["name"] = cook.DisplayName,
        };
        if (await EmailOfAsync(cook.UserId, cancellationToken) is { } email)
        {
            Add(cook.CouncilId, NotificationKind.CheckExpiring, Recipient.ByEmail(RecipientRole.Cook, cook.Id.ToString(), email), cook.Id, fields);
        }

        foreach (var (id, coordinatorEmail) in await CoordinatorsAsync(cook.CouncilId, cancellationToken))
        {
            Add(cook.CouncilId, NotificationKind.CheckExpiring, Recipient.ByEmail(RecipientRole.Coordinator, id, coordinatorEmail), cook.Id, fields);
        }
    }

    /// <summary>An urgent concern nobody acknowledged goes to every coordinator of the council and every admin.</summary>
    public async Task ConcernEscalatedAsync(Concern concern, CancellationToken cancellationToken)
    {
        var (fields, _) = await ConcernFieldsAsync(concern, cancellationToken);
        var staff = await CoordinatorsAsync(concern.CouncilId, cancellationToken);
        var admins = await StaffAsync(Roles.Admin, councilId: null, cancellationToken);
        foreach (var (id, email) in staff.Concat(admins).DistinctBy(s => s.Id))
        {
            Add(concern.CouncilId, NotificationKind.ConcernEscalated, Recipient.ByEmail(RecipientRole.Coordinator, id, email), concern.Id, fields);
        }
    }

    /// <summary>An urgent concern reaches the coordinator on duty and, where a diner is involved, their nominated contact, at once.</summary>
    public async Task UrgentConcernAsync(Concern concern, CancellationToken cancellationToken)
    {
        var (fields, diner) = await ConcernFieldsAsync(concern, cancellationToken);
        foreach (var (id, email) in await OnDutyAsync(concern.CouncilId, cancellationToken))
        {
            Add(concern.CouncilId, NotificationKind.UrgentConcern, Recipient.ByEmail(RecipientRole.Coordinator, id, email), concern.Id, fields);
        }

        if (diner is not null && Recipient.NominatedContactOf(diner) is { } contact)
        {
            Add(concern.CouncilId, NotificationKind.UrgentConcern, contact, concern.Id,
                new(fields) { ["name"] = Text.FirstName(diner.NominatedContact!.Name) });
        }
    }

    /// <summary>Who the concern is about, in words fit for a message: a diner's first name, or the cook's display name.</summary>
    private async Task<(Dictionary<string, string> Fields, Diner? Diner)> ConcernFieldsAsync(Concern concern, CancellationToken cancellationToken)
    {
        var diner = concern.DinerId is { } dinerId ? await db.Diners.AsNoTracking().SingleAsync(d => d.Id == dinerId, cancellationToken) : null;
        var cook = concern.CookId is { } cookId ? await db.Cooks.AsNoTracking().Where(c => c.Id == cookId).Select(c => c.DisplayName).SingleAsync(cancellationToken) : null;
        var about = diner?.FirstName ?? $"the volunteer cook {cook}";
        return (new Dictionary<string, string>
        {
            ["about"] = about,
            ["diner"] = about,
            ["raised"] = UkCalendar.InUk(concern.RaisedAt).ToString("HH:mm 'on' d MMMM", CultureInfo.InvariantCulture),
        }, diner);
    }

    /// <summary>Tells the diner and the cook, and queues both reminders for the day before.</summary>
    public async Task BookingConfirmedAsync(Booking booking, CancellationToken cancellationToken) =>
        BookingConfirmed(await AboutAsync(booking, cancellationToken));

    /// <summary>The same, from what the caller already holds (the offer's grain), reading nothing.</summary>
    public void BookingConfirmed(Booking booking, MealOffer offer, Cook cook, string? cookEmail, Diner diner) =>
        BookingConfirmed(new Subject(booking, offer, cook, diner, cookEmail));

    private void BookingConfirmed(Subject about)
    {
        ToBoth(about, NotificationKind.BookingConfirmed, null);
        var remindAt = UkCalendar.At(about.Offer.DeliveryDate.AddDays(-1), ReminderTime);
        var now = time.GetUtcNow();
        if (UkCalendar.DateOf(now) < about.Offer.DeliveryDate)
        {
            ToBoth(about, NotificationKind.DeliveryReminder, remindAt > now ? remindAt : now);
        }
    }

    /// <summary>Tells the other side of a regular meal that one side skips a date, or pauses.</summary>
    public async Task RegularMealChangedAsync(RegularMeal regularMeal, NotificationKind kind, RegularMealSide by, Dictionary<string, string> extra, CancellationToken cancellationToken)
    {
        var (cook, diner, cookEmail) = await PairOfAsync(regularMeal.CookId, regularMeal.DinerId, cancellationToken);
        var fields = new Dictionary<string, string>(extra) { ["cook"] = Text.FirstName(cook.DisplayName), ["diner"] = diner.FirstName };
        if (by == RegularMealSide.Cook)
        {
            Add(regularMeal.CouncilId, kind, Recipient.Diner(diner), regularMeal.Id, new(fields) { ["name"] = diner.FirstName });
        }
        else if (cookEmail is not null)
        {
            Add(regularMeal.CouncilId, kind, Recipient.ByEmail(RecipientRole.Cook, cook.Id.ToString(), cookEmail), regularMeal.Id, new(fields) { ["name"] = cook.DisplayName });
        }
    }

    /// <summary>Asks the backup cook to take a date the regular cook cannot.</summary>
    public async Task BackupCookAskedAsync(RegularMeal regularMeal, DateOnly date, DateOnly answerBy, CancellationToken cancellationToken)
    {
        var (backup, diner, email) = await PairOfAsync(regularMeal.BackupCookId!.Value, regularMeal.DinerId, cancellationToken);
        if (email is not null)
        {
            Add(regularMeal.CouncilId, NotificationKind.BackupCookAsked, Recipient.ByEmail(RecipientRole.Cook, backup.Id.ToString(), email), regularMeal.Id, new()
            {
                ["name"] = backup.DisplayName,
                ["diner"] = diner.FirstName,
                ["date"] = date.ToString("dddd d MMMM", English),
                ["answerBy"] = answerBy.ToString("dddd d MMMM", English),
                ["window"] = $"{regularMeal.Window.Start.ToString("HH:mm", English)} and {regularMeal.Window.End.ToString("HH:mm", English)}",
            });
        }
    }

    /// <summary>Tells the council's coordinators that a regular meal date has no cook yet.</summary>
    public async Task UncoveredMealAsync(RegularMeal regularMeal, DateOnly date, string why, CancellationToken cancellationToken)
    {
        var diner = await db.Diners.AsNoTracking().SingleAsync(d => d.Id == regularMeal.DinerId, cancellationToken);
        foreach (var (id, email) in await CoordinatorsAsync(regularMeal.CouncilId, cancellationToken))
        {
            Add(regularMeal.CouncilId, NotificationKind.UncoveredMeal, Recipient.ByEmail(RecipientRole.Coordinator, id, email), regularMeal.Id, new()
            {
                ["diner"] = diner.FirstName,
                ["date"] = date.ToString("dddd d MMMM", English),
                ["why"] = why,
            });
        }
    }

    private async Task<(Cook Cook, Diner Diner, string? CookEmail)> PairOfAsync(Guid cookId, Guid dinerId, CancellationToken cancellationToken)
    {
        var cook = await db.Cooks.AsNoTracking().SingleAsync(c => c.Id == cookId, cancellationToken);
        var diner = await db.Diners.AsNoTracking().SingleAsync(d => d.Id == dinerId, cancellationToken);
        return (cook, diner, await EmailOfAsync(cook.UserId, cancellationToken));
    }

    /// <summary>Tells both sides, and withdraws reminders and requests for feedback not yet sent.</summary>
    public async Task BookingCancelledAsync(Booking booking, CancellationToken cancellationToken)
    {
        var about = await AboutAsync(booking, cancellationToken);
        await WithdrawAsync(booking.Id, cancellationToken);
        ToBoth(about, NotificationKind.BookingCancelled, null, ("reason", booking.CancellationReason ?? "no reason was given"));
    }

    public async Task FeedbackRequestAsync(Booking booking, CancellationToken cancellationToken)
    {
        var about = await AboutAsync(booking, cancellationToken);
        // The morning after, not while the cook is still at the door.
        Add(booking.CouncilId, NotificationKind.FeedbackRequest, Recipient.Diner(about.Diner), booking.Id, Fields(about, about.Diner.FirstName),
            UkCalendar.Next(ReminderTime, time.GetUtcNow()));
    }

    /// <summary>The payment link for a meal's contribution, to the diner and to their nominated contact, who may pay for them.</summary>
    public async Task ContributionRequestedAsync(Booking booking, int amountPence, string link, CancellationToken cancellationToken)
    {
        var about = await AboutAsync(booking, cancellationToken);
        var council = await db.Councils.AsNoTracking().Where(c => c.Id == booking.CouncilId).Select(c => c.Name).SingleAsync(cancellationToken);
        var fields = Fields(about, about.Diner.FirstName);
        fields["amount"] = (amountPence / 100m).ToString("£0.00", English);
        fields["link"] = link;
        fields["council"] = council;
        Add(booking.CouncilId, NotificationKind.ContributionRequested, Recipient.Diner(about.Diner), booking.Id, fields);
        if (Recipient.NominatedContactOf(about.Diner) is { } contact)
        {
            Add(booking.CouncilId, NotificationKind.ContributionRequested, contact, booking.Id,
                new(fields) { ["name"] = Text.FirstName(about.Diner.NominatedContact!.Name) });
        }
    }

    /// <summary>Urgent: the coordinator on duty, and the diner's nominated contact, at once.</summary>
    public async Task NoAnswerAtDoorAsync(Booking booking, CancellationToken cancellationToken)
    {
        await WithdrawAsync(booking.Id, cancellationToken);
        await AlertAsync(booking, NotificationKind.NoAnswerAlert, cancellationToken);
    }

    private async Task AlertAsync(Booking booking, NotificationKind kind, CancellationToken cancellationToken)
    {
        var about = await AboutAsync(booking, cancellationToken);
        var fields = Fields(about, about.Diner.FirstName);
        fields["booking"] = booking.Id.ToString()[..8];
        foreach (var (id, email) in await OnDutyAsync(booking.CouncilId, cancellationToken))
        {
            Add(booking.CouncilId, kind, Recipient.ByEmail(RecipientRole.Coordinator, id, email), booking.Id, fields);
        }

        if (Recipient.NominatedContactOf(about.Diner) is { } contact)
        {
            Add(booking.CouncilId, kind, contact, booking.Id,
                new(fields) { ["name"] = Text.FirstName(about.Diner.NominatedContact!.Name) });
        }
    }

    private void ToBoth(Subject about, NotificationKind kind, DateTimeOffset? dueAt, params (string Name, string Value)[] extra)
    {
        var toDiner = Fields(about, about.Diner.FirstName);
        var toCook = Fields(about, about.Cook.DisplayName);
        foreach (var (name, value) in extra)
        {
            toDiner[name] = toCook[name] = value;
        }

        Add(about.Booking.CouncilId, kind, Recipient.Diner(about.Diner), about.Booking.Id, toDiner, dueAt);
        if (about.CookEmail is { } email)
        {
            Add(about.Booking.CouncilId, kind, Recipient.ByEmail(RecipientRole.Cook, about.Cook.Id.ToString(), email), about.Booking.Id, toCook, dueAt);
        }
    }

    private void Add(Guid councilId, NotificationKind kind, Recipient recipient, Guid subjectId, Dictionary<string, string> fields, DateTimeOffset? dueAt = null) =>
        db.Notifications.Add(new Notification(councilId, kind, recipient, fields, subjectId, time.GetUtcNow(), dueAt));

    /// <summary>Messages about a booking that has ended and not yet gone out are no longer true.</summary>
    private async Task WithdrawAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        var waiting = await db.Notifications
            .Where(n => n.SubjectId == bookingId && (n.Status == NotificationStatus.Pending || n.Status == NotificationStatus.ToCall)
                && (n.Kind == NotificationKind.DeliveryReminder || n.Kind == NotificationKind.BookingConfirmed))
            .ToListAsync(cancellationToken);
        foreach (var notification in waiting)
        {
            notification.Cancel();
        }
    }

    /// <summary>Only first names travel in messages: a cook sees no more of a diner than this before a pairing is approved.</summary>
    private static Dictionary<string, string> Fields(Subject about, string name) => new()
    {
        ["name"] = name,
        ["cook"] = about.Cook.DisplayName,
        ["diner"] = about.Diner.FirstName,
        ["dish"] = about.Offer.Dish,
        ["date"] = about.Offer.DeliveryDate.ToString("dddd d MMMM", English),
        ["window"] = $"{about.Offer.Window.Start.ToString("HH:mm", English)} and {about.Offer.Window.End.ToString("HH:mm", English)}",
    };

    private sealed record Subject(Booking Booking, MealOffer Offer, Cook Cook, Diner Diner, string? CookEmail);

    private async Task<Subject> AboutAsync(Booking booking, CancellationToken cancellationToken)
    {
        // A booking made in this unit of work (a regular meal planned by the worker) is not in the database yet.
        var offer = db.Offers.Local.SingleOrDefault(o => o.Id == booking.OfferId)
            ?? await db.Offers.AsNoTracking().SingleAsync(o => o.Id == booking.OfferId, cancellationToken);
        var (cook, diner, email) = await PairOfAsync(booking.CookId, booking.DinerId, cancellationToken);
        return new(booking, offer, cook, diner, email);
    }

    private Task<string?> EmailOfAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The coordinators whose duty shift covers this moment; when the rota has a gap, every
    /// coordinator of the council, because an urgent alert must never reach nobody.
    /// </summary>
    private async Task<List<(string Id, string Email)>> OnDutyAsync(Guid councilId, CancellationToken cancellationToken)
    {
        var everyone = await CoordinatorsAsync(councilId, cancellationToken);
        var now = time.GetUtcNow();
        // SQLite cannot compare DateTimeOffset in SQL; a council's rota is small enough to read whole.
        var shifts = await db.DutyShifts.AsNoTracking().Where(s => s.CouncilId == councilId).ToListAsync(cancellationToken);
        var onDuty = shifts.Where(s => s.Covers(now)).Select(s => s.CoordinatorId).ToHashSet();
        var covering = everyone.Where(c => onDuty.Contains(c.Id)).ToList();
        return covering.Count > 0 ? covering : everyone;
    }

    private Task<List<(string Id, string Email)>> CoordinatorsAsync(Guid councilId, CancellationToken cancellationToken) =>
        StaffAsync(Roles.Coordinator, councilId, cancellationToken);

    /// <summary>Accounts with an email in <paramref name="roleName"/>: of one council, or of every council when <paramref name="councilId"/> is null.</summary>
    private async Task<List<(string Id, string Email)>> StaffAsync(string roleName, Guid? councilId, CancellationToken cancellationToken)
    {
        var staff = await (
            from user in db.Users
            join link in db.UserRoles on user.Id equals link.UserId
            join role in db.Roles on link.RoleId equals role.Id
            where role.Name == roleName && user.Email != null && (councilId == null || user.CouncilId == councilId)
            select new { user.Id, user.Email }).ToListAsync(cancellationToken);
        return [.. staff.Select(s => (s.Id, s.Email!))];
    }
}
