
namespace Brokering.Features.Payments;

/// <summary>A Stripe event already handled, by its id (<c>evt_…</c>): Stripe delivers at least once, so a replay must change nothing.</summary>
public sealed class StripeEvent(string id, string type, DateTimeOffset receivedAt)
{
    public const int MaxIdLength = Domain.Contributions.Contribution.MaxStripeIdLength;

    /// <summary>An event type such as <c>checkout.session.completed</c>.</summary>
    public const int MaxTypeLength = 100;

    public string Id { get; private set; } = id;
    public string Type { get; private set; } = type;
    public DateTimeOffset ReceivedAt { get; private set; } = receivedAt;
}
