using System.Security.Claims;
using Brokering.Domain;
using Brokering.Domain.Notifications;
using Brokering.Features.Access;
using Brokering.Features.Http;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Notifications;

/// <summary>
/// One message as coordinators see it. For messages that need them to act (failed, or waiting on
/// the call list) it includes the number or address and the words, so they can ring or correct it.
/// </summary>
public sealed record NotificationResponse(
    Guid Id, string Kind, string Channel, string Recipient, string RecipientId, string Status, bool Urgent, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset DueAt, DateTimeOffset? SentAt, string? LastError, Guid? SubjectId, string? To, string? Message)
{
    public static NotificationResponse From(Notification n)
    {
        var needsStaff = n.Status is NotificationStatus.Failed or NotificationStatus.ToCall && n.ErasedAt is null;
        return new(n.Id, Names.Of(n.Kind), Names.Of(n.Channel), Names.Of(n.RecipientRole), n.RecipientId, Names.Of(n.Status), n.Urgent, n.Attempts,
            n.CreatedAt, n.DueAt, n.SentAt, n.LastError, n.SubjectId,
            needsStaff ? n.Destination : null,
            needsStaff && NotificationTemplates.Exists(n.Kind, n.RecipientRole) ? NotificationTemplates.Render(n.Kind, n.RecipientRole, n.FieldValues()).Body : null);
    }
}

public static class NotificationEndpoints
{
    public const int MaxListed = 500;

    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization(Policies.Coordinator);
        group.MapGet("/", List).WithName("ListNotifications")
            .WithSummary("The council's messages by status, urgent first: failed ones to fix, and the call list (status=to-call).");
        group.MapPost("/{id:guid}/retry", Retry).WithName("RetryNotification").WithSummary("Send a failed message again, from its first attempt.");
        group.MapPost("/{id:guid}/called", Called).WithName("MarkCalled").WithSummary("The coordinator rang the person on the call list.");
    }

    public static async Task<Ok<List<NotificationResponse>>> List(
        ClaimsPrincipal user, BrokeringDbContext db, string? status, int? limit, CancellationToken cancellationToken)
    {
        var wanted = status is null ? (NotificationStatus?)null : Words.One<NotificationStatus>(status, "status");
        var take = Math.Clamp(limit ?? 100, 1, MaxListed);
        var councilId = user.CouncilId();
        var query = db.Notifications.AsNoTracking().Where(n => user.IsAdmin() || n.CouncilId == councilId);
        if (wanted is { } only)
        {
            query = query.Where(n => n.Status == only);
        }

        // Ids are time-ordered (version 7), so ordering by id is ordering by when they were written.
        var found = await query.OrderByDescending(n => n.Urgent).ThenBy(n => n.Id).Take(take).ToListAsync(cancellationToken);
        return TypedResults.Ok(found.Select(NotificationResponse.From).ToList());
    }

    public static Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> Retry(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, db, n => n.Retry(time.GetUtcNow()), cancellationToken);

    public static Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> Called(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, db, n => n.MarkCalled(time.GetUtcNow()), cancellationToken);

    private static async Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> ChangeAsync(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, Action<Notification> change, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.FindAsync([id], cancellationToken);
        if (notification is null || !user.CanSee(notification.CouncilId))
        {
            return Problems.NotFound("notification");
        }

        change(notification);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(NotificationResponse.From(notification));
    }
}
