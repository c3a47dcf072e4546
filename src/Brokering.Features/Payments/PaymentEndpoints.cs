using System.Security.Claims;
using Brokering.Domain;
using Brokering.Domain.Contributions;
using Brokering.Features.Access;
using Brokering.Features.Http;
using Brokering.Features.Persistence;
using Brokering.Features.Providers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Brokering.Features.Payments;

public sealed record WaiveRequest(string Reason);

public sealed record WebhookReceipt(bool Received, bool Duplicate);

/// <summary>One meal's contribution as a coordinator sees it; cooks never see these.</summary>
public sealed record ContributionResponse(
    Guid Id, Guid BookingId, Guid DinerId, DateOnly DeliveryDate, int AmountPence, string Status, string? PaymentLink, DateTimeOffset? PaidAt,
    string? WaiverReason, string? ProviderError);

/// <summary>A week's contributions by the meals' delivery days, Monday to Sunday, in pence.</summary>
public sealed record ContributionWeek(DateOnly WeekBeginning, int PaidPence, int Paid, int Outstanding, int OutstandingPence, int Waived, int RefundedPence);

/// <summary>
/// Card contributions towards meals: Stripe's webhook, and the coordinators' view of what was
/// paid, what is outstanding, and waivers. The Stripe calls themselves are made by
/// <see cref="ContributionPayments"/> in the worker.
/// </summary>
public static partial class PaymentEndpoints
{
    /// <summary>Larger than any Stripe event; a bigger body is not from Stripe.</summary>
    private const int MaxEventBytes = 256 * 1024;

    public static void MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/payments/stripe/webhook", Webhook).AllowAnonymous().WithTags("Payments").WithName("StripeWebhook")
            .WithSummary("Stripe's events, verified by their Stripe-Signature; each event id is handled once.");

        var group = app.MapGroup("/api/v1/contributions").WithTags("Payments").RequireAuthorization(Policies.Coordinator);
        group.MapGet("/", List).WithName("ListContributions").WithSummary("The council's contributions: status=outstanding (default), paid, waived, refunded or all.");
        group.MapGet("/weekly", Weekly).WithName("ContributionsByWeek")
            .WithSummary("Paid, outstanding, waived and refunded, per week of delivery (Monday to Sunday), newest first: weeks=12 up to this one and ahead=2 after.");
        group.MapPost("/{id:guid}/waive", Waive).WithName("WaiveContribution").WithSummary("Ask nothing for this meal; the payment link stops mattering.");
    }

    public static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> Webhook(
        HttpRequest request, BrokeringDbContext db, IOptions<StripeOptions> options, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (options.Value.WebhookSecret is not { Length: > 0 } secret)
        {
            return Problems.NotFound("webhook");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxEventBytes)
        {
            return Refused("The event is larger than any Stripe event.");
        }

        var now = time.GetUtcNow();
        var received = StripeWebhook.Read(buffer.ToArray(), request.Headers["Stripe-Signature"], secret, now, options.Value.SignatureTolerance);
        if (received.Event is not { } stripeEvent)
        {
            if (received.UnacceptedVersion is { } version)
            {
                LogUnacceptedVersion(loggers.CreateLogger(typeof(PaymentEndpoints)), received.EventId, version, StripeWebhook.AcceptedVersion);
            }

            return Refused(received.Problem!);
        }

        if (await db.StripeEvents.AnyAsync(e => e.Id == stripeEvent.Id, cancellationToken))
        {
            return TypedResults.Ok(new WebhookReceipt(true, Duplicate: true));
        }

        if (await FindAsync(db, stripeEvent, cancellationToken) is { } contribution)
        {
            StripeWebhook.ApplyTo(stripeEvent, contribution, now);
        }

        db.StripeEvents.Add(new StripeEvent(stripeEvent.Id, stripeEvent.Type, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (Database.IsUniqueViolation(e))
        {
            // The same event delivered twice at once: the other delivery recorded it.
            return TypedResults.Ok(new WebhookReceipt(true, Duplicate: true));
        }

        return TypedResults.Ok(new WebhookReceipt(true, Duplicate: false));
    }

    public static async Task<Ok<List<ContributionResponse>>> List(
        ClaimsPrincipal user, BrokeringDbContext db, CancellationToken cancellationToken, string? status = null)
    {
        var wanted = status?.Trim().ToLowerInvariant() ?? "outstanding";
        var rows = await RowsAsync(db, user.CouncilId(), DateOnly.MinValue, cancellationToken);
        var chosen = wanted switch
        {
            "all" => rows,
            "outstanding" => [.. rows.Where(r => r.Contribution.IsOutstanding)],
            _ => [.. rows.Where(r => r.Contribution.Status == Words.One<ContributionStatus>(wanted, "status"))],
        };
        return TypedResults.Ok(chosen.OrderBy(r => r.DeliveryDate).ThenBy(r => r.Contribution.Id).Select(Respond).ToList());
    }

    /// <summary><paramref name="weeks"/> weeks up to this one, and <paramref name="ahead"/> weeks of meals already booked after it, newest first.</summary>
    public static async Task<Ok<List<ContributionWeek>>> Weekly(
        ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken, int weeks = 12, int ahead = 2)
    {
        if (weeks is < 1 or > 104)
        {
            throw new DomainValidationException(nameof(weeks), "must be between 1 and 104");
        }

        if (ahead is < 0 or > 8)
        {
            throw new DomainValidationException(nameof(ahead), "must be between 0 and 8");
        }

        var thisWeek = UkCalendar.WeekBeginning(time.TodayInUk());
        var rows = await RowsAsync(db, user.CouncilId(), thisWeek.AddDays(-7 * (weeks - 1)), cancellationToken);
        return TypedResults.Ok(Enumerable.Range(-ahead, weeks + ahead).Select(i => thisWeek.AddDays(-7 * i)).Select(week =>
        {
            var inWeek = rows.Where(r => UkCalendar.WeekBeginning(r.DeliveryDate) == week).Select(r => r.Contribution).ToList();
            var outstanding = inWeek.Where(c => c.IsOutstanding).ToList();
            return new ContributionWeek(week,
                inWeek.Where(c => c.Status == ContributionStatus.Paid).Sum(c => c.AmountPence),
                inWeek.Count(c => c.Status == ContributionStatus.Paid),
                outstanding.Count, outstanding.Sum(c => c.AmountPence),
                inWeek.Count(c => c.Status == ContributionStatus.Waived),
                inWeek.Where(c => c.Status is ContributionStatus.Refunded or ContributionStatus.Refunding).Sum(c => c.AmountPence));
        }).ToList());
    }

    public static async Task<Results<Ok<ContributionResponse>, ProblemHttpResult>> Waive(
        Guid id, WaiveRequest request, ClaimsPrincipal user, BrokeringDbContext db, CancellationToken cancellationToken)
    {
        var contribution = await db.FindVisibleAsync<Contribution>(id, user, cancellationToken);
        if (contribution is null)
        {
            return Problems.NotFound("contribution");
        }

        contribution.Waive(request.Reason, user.Id());
        await db.SaveChangesAsync(cancellationToken);
        var meal = await (from b in db.Bookings
                          join o in db.Offers on b.OfferId equals o.Id
                          where b.Id == contribution.BookingId
                          select new { b.DinerId, o.DeliveryDate }).SingleAsync(cancellationToken);
        return TypedResults.Ok(Respond(new Row(contribution, meal.DinerId, meal.DeliveryDate)));
    }

    private static ContributionResponse Respond(Row r) => new(
        r.Contribution.Id, r.Contribution.BookingId, r.DinerId, r.DeliveryDate, r.Contribution.AmountPence, Names.Of(r.Contribution.Status),
        r.Contribution.IsOutstanding ? r.Contribution.CheckoutUrl : null, r.Contribution.PaidAt, r.Contribution.WaiverReason, r.Contribution.LastError);

    private sealed record Row(Contribution Contribution, Guid DinerId, DateOnly DeliveryDate);

    private static async Task<List<Row>> RowsAsync(BrokeringDbContext db, Guid councilId, DateOnly since, CancellationToken cancellationToken) =>
        await (from c in db.Contributions.AsNoTracking()
               join b in db.Bookings on c.BookingId equals b.Id
               join o in db.Offers on b.OfferId equals o.Id
               where c.CouncilId == councilId && o.DeliveryDate >= since
               select new Row(c, b.DinerId, o.DeliveryDate)).ToListAsync(cancellationToken);

    /// <summary>The contribution an event is about: by the booking id Stripe carries in metadata, or by the session or payment it names.</summary>
    private static async Task<Contribution?> FindAsync(BrokeringDbContext db, Stripe.Event stripeEvent, CancellationToken cancellationToken)
    {
        var about = StripeWebhook.About(stripeEvent);
        if (about.BookingId is { } booking && await db.Contributions.SingleOrDefaultAsync(c => c.BookingId == booking, cancellationToken) is { } byBooking)
        {
            return byBooking;
        }

        if (about.SessionId is { } session && await db.Contributions.SingleOrDefaultAsync(c => c.CheckoutSessionId == session, cancellationToken) is { } bySession)
        {
            return bySession;
        }

        return about.PaymentIntentId is { } payment
            ? await db.Contributions.SingleOrDefaultAsync(c => c.PaymentIntentId == payment, cancellationToken)
            : null;
    }

    private static ProblemHttpResult Refused(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Not a valid Stripe event.");

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Stripe event {EventId} refused: its API version {Version} is not {Accepted}; set the webhook endpoint's API version in Stripe's dashboard")]
    private static partial void LogUnacceptedVersion(ILogger logger, string? eventId, string version, string accepted);
}
