using Brokering.Domain.Bookings;
using Brokering.Domain.Contributions;
using Brokering.Features.Jobs;
using Brokering.Features.Notifications;
using Brokering.Features.Persistence;
using Brokering.Features.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Brokering.Features.Payments;

/// <summary>
/// Talks to Stripe for contributions, outside any request and never inside a database
/// transaction: makes a payment page for each contribution due on a live meal and sends its link;
/// for a cancelled meal, closes an unpaid page or refunds a payment. Each contribution is saved on
/// its own, with its concurrency token, so two workers never both act on one; Stripe's
/// idempotency keys make a repeated call after a crash return the first answer.
/// </summary>
public sealed partial class ContributionPayments(
    IServiceScopeFactory scopes, StripeGateway stripe, TimeProvider time, IOptions<StripeOptions> options, ILogger<ContributionPayments> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override string Doing => "Asking for and refunding contributions";

    protected override Task<int> PassAsync(CancellationToken cancellationToken) => SettleOnceAsync(cancellationToken);

    protected override void LogChanged(int count) => LogSettled(Logger, count);

    /// <returns>How many contributions changed.</returns>
    public async Task<int> SettleOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokeringDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var changed = 0;

        var cancelled = await (from c in db.Contributions
                               join b in db.Bookings on c.BookingId equals b.Id
                               where b.Status == BookingStatus.Cancelled
                                   && (c.Status == ContributionStatus.Due || c.Status == ContributionStatus.Requested || c.Status == ContributionStatus.Failed
                                       || c.Status == ContributionStatus.Expired || (c.Status == ContributionStatus.Paid && c.LastError == null))
                               select c).ToListAsync(cancellationToken);
        foreach (var contribution in cancelled)
        {
            changed += await SaveAsync(db, await UndoAsync(contribution, cancellationToken), contribution, cancellationToken);
        }

        if (!options.Value.IsConfigured)
        {
            return changed;
        }

        var due = await (from c in db.Contributions
                         join b in db.Bookings on c.BookingId equals b.Id
                         where c.Status == ContributionStatus.Due && c.LastError == null
                             && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Delivered)
                         select new { Contribution = c, Booking = b }).Take(100).ToListAsync(cancellationToken);
        foreach (var item in due)
        {
            var page = await stripe.CreateCheckoutAsync(item.Booking.Id, item.Contribution.AmountPence, "Towards the ingredients of a shared meal", cancellationToken);
            if (page.Succeeded && page.Id is not null && page.Url is not null)
            {
                item.Contribution.CheckoutCreated(page.Id, page.Url);
                await outbox.ContributionRequestedAsync(item.Booking, item.Contribution.AmountPence, page.Url, cancellationToken);
            }
            else if (!page.Transient)
            {
                item.Contribution.ProviderRefused(page.Error ?? "refused");
            }

            changed += await SaveAsync(db, page.Succeeded || !page.Transient, item.Contribution, cancellationToken);
        }

        return changed;
    }

    /// <summary>For a cancelled meal: closes the unpaid payment page, or refunds what was paid.</summary>
    /// <returns>Whether the contribution changed.</returns>
    private async Task<bool> UndoAsync(Contribution contribution, CancellationToken cancellationToken)
    {
        if (contribution.IsOutstanding)
        {
            if (contribution.CheckoutSessionId is { } session && options.Value.IsConfigured)
            {
                // Best effort: an unexpired page that someone still pays is refunded on a later pass.
                await stripe.ExpireCheckoutAsync(session, cancellationToken);
            }

            contribution.MealCancelled();
            return true;
        }

        if (!options.Value.IsConfigured || contribution.PaymentIntentId is not { } payment)
        {
            return false;
        }

        var refund = await stripe.RefundAsync(contribution.BookingId, payment, cancellationToken);
        if (refund.Succeeded && refund.Id is not null)
        {
            contribution.RefundRequested(refund.Id, completed: refund.Status == "succeeded");
            return true;
        }

        if (!refund.Transient)
        {
            contribution.ProviderRefused(refund.Error ?? "refused");
            return true;
        }

        return false;
    }

    private async Task<int> SaveAsync(BrokeringDbContext db, bool changed, Contribution contribution, CancellationToken cancellationToken)
    {
        if (!changed)
        {
            return 0;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return 1;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another worker settled it first; its answer from Stripe was the same one.
            db.ChangeTracker.Clear();
            LogRaced(Logger, contribution.Id);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Settled {Count} contributions with Stripe")]
    private static partial void LogSettled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contribution {ContributionId} was settled by another worker")]
    private static partial void LogRaced(ILogger logger, Guid contributionId);
}
