using Brokering.Domain;
using Brokering.Domain.Notifications;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Notifications;

public sealed record MessageRecord(string Kind, string Channel, string Status, DateTimeOffset CreatedAt, DateTimeOffset? SentAt)
{
    public static MessageRecord From(Notification n) => new(Names.Of(n.Kind), Names.Of(n.Channel), Names.Of(n.Status), n.CreatedAt, n.SentAt);
}

/// <summary>The messages held about one person, for their subject access request and their erasure.</summary>
public static class PersonalMessages
{
    /// <summary>Messages to the person with this recipient id in any of <paramref name="roles"/>.</summary>
    public static IQueryable<Notification> To(BrokeringDbContext db, Guid personId, params RecipientRole[] roles)
    {
        var key = personId.ToString();
        return db.Notifications.Where(n => n.RecipientId == key && roles.Contains(n.RecipientRole));
    }

    /// <summary>Withdraws those not yet sent, and strips every one of its address and words.</summary>
    public static async Task EraseAsync(IQueryable<Notification> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await messages.Where(n => n.Status == NotificationStatus.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.Status, NotificationStatus.Cancelled), cancellationToken);
        await messages.ExecuteUpdateAsync(set => set
            .SetProperty(n => n.Destination, (string?)null)
            .SetProperty(n => n.Fields, "{}")
            .SetProperty(n => n.ErasedAt, now), cancellationToken);
    }
}
