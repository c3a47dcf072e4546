using Brokering.Domain;
using Brokering.Domain.Bookings;
using Brokering.Domain.Diners;
using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;
using Brokering.Domain.Proposals;
using Brokering.Features.Notifications;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Diners;

/// <summary>
/// The one writer of a diner, their pairings and the cooks they are kept apart from: approval,
/// pause, close, needs, erasure, an introduction visit, a pairing's approval and a declined
/// proposal pass through it one at a time. Its answers are
/// failures carried as data, as the offer grain's are.
/// </summary>
[Alias("Brokering.IDinerGrain")]
public interface IDinerGrain : IGrainWithGuidKey
{
    [Alias("Approve")]
    Task<GrainFailure?> Approve();

    /// <summary>Pauses the diner and cancels their coming meals, telling each cook and giving the portions back, in one transaction.</summary>
    [Alias("Pause")]
    Task<GrainFailure?> Pause(string by);

    /// <summary>The diner has left the scheme: as a pause, for good.</summary>
    [Alias("Close")]
    Task<GrainFailure?> Close(string by);

    /// <summary>Records the diner's needs as they now are, and flags for review each coming meal that no longer suits them, in one transaction.</summary>
    [Alias("ChangeNeeds")]
    Task<GrainFailure?> ChangeNeeds(Allergens avoids, Diets requires);

    /// <summary>
    /// Erases the diner: coming meals cancelled (the cooks told), unsent messages to them withdrawn
    /// and sent ones stripped, and the record anonymised, in one transaction.
    /// </summary>
    [Alias("Erase")]
    Task<GrainFailure?> EraseRecord(string by);

    /// <summary>The introduction visit of one of the diner's pairings took place on <paramref name="day"/>.</summary>
    [Alias("RecordIntroduction")]
    Task<GrainFailure?> RecordIntroduction(Guid pairingId, DateOnly day);

    /// <summary>A coordinator approves one of the diner's pairings after the introduction: later meals need no approval.</summary>
    [Alias("ApprovePairing")]
    Task<GrainFailure?> ApprovePairing(Guid pairingId, string by);

    /// <summary>
    /// A coordinator declines a matcher's proposal for the diner, with <paramref name="keepApart"/>
    /// recording that the diner and that cook are never to be matched again, in one transaction.
    /// </summary>
    [Alias("DeclineProposal")]
    Task<GrainFailure?> DeclineProposal(Guid proposalId, string reason, bool keepApart, string by);
}

/// <summary>
/// Reads the diner afresh for every command rather than keeping a copy: every booking reads the
/// diner itself, holding the diner's row (<see cref="BrokeringDbContext.HoldForBooking"/>), so a
/// pause binds the next booking in every process. What the grain buys is one change to a diner at
/// a time in the whole cluster. Meals it cancels or flags are announced to their offers' grains
/// when it commits, as every change made beside an offer's grain is.
/// </summary>
public sealed class DinerGrain(IServiceScopeFactory scopes, TimeProvider time) : Grain, IDinerGrain
{
    private Guid DinerId => this.GetPrimaryKey();

    public Task<GrainFailure?> Approve() => WriteAsync((diner, db, _) =>
    {
        diner.Approve();
        return db.SaveChangesAsync();
    });

    public Task<GrainFailure?> Pause(string by) => StopAsync(by, d => d.Pause());

    public Task<GrainFailure?> Close(string by) => StopAsync(by, d => d.Close());

    public Task<GrainFailure?> ChangeNeeds(Allergens avoids, Diets requires) => WriteAsync(async (diner, db, _) =>
    {
        diner.ChangeNeeds(avoids, requires);
        var today = time.TodayInUk();
        var coming = await db.Bookings
            .Where(b => b.DinerId == diner.Id && b.Status == BookingStatus.Confirmed)
            .Join(db.Offers.Where(o => o.DeliveryDate >= today), b => b.OfferId, o => o.Id, (b, o) => new { Booking = b, Offer = o })
            .ToListAsync();
        foreach (var (booking, offer) in coming.Select(x => (x.Booking, x.Offer)))
        {
            if (Eligibility.WhyNotSuitable(offer, diner) is { Count: > 0 } why)
            {
                booking.FlagForReview($"the diner's needs changed: {string.Join("; ", why)}");
            }
        }

        await db.SaveChangesAsync();
    });

    public Task<GrainFailure?> EraseRecord(string by) => WriteAsync((diner, db, services) =>
    {
        if (diner.IsErased)
        {
            throw new InvalidTransitionException("diner", "erased", "erased");
        }

        var now = time.GetUtcNow();
        return services.GetRequiredService<MealWithdrawal>().ForDinerAsync(diner, by, d => d.Erase(),
            () => PersonalMessages.EraseAsync(SubjectRights.MessagesAbout(db, diner.Id), now, default), default);
    });

    public Task<GrainFailure?> RecordIntroduction(Guid pairingId, DateOnly day) => PairingAsync(pairingId, pairing =>
    {
        if (day > time.TodayInUk())
        {
            throw new DomainValidationException("on", "must not be in the future");
        }

        pairing.RecordIntroduction(day);
    });

    public Task<GrainFailure?> ApprovePairing(Guid pairingId, string by) => PairingAsync(pairingId, pairing => pairing.Approve(by, time.GetUtcNow()));

    public Task<GrainFailure?> DeclineProposal(Guid proposalId, string reason, bool keepApart, string by) =>
        GrainWrites.InScopeAsync(scopes, async (db, _) =>
        {
            var proposal = await db.Proposals.SingleOrDefaultAsync(p => p.Id == proposalId && p.DinerId == DinerId)
                ?? throw new InvalidTransitionException("proposal", "not the diner's", "declined");
            var now = time.GetUtcNow();
            proposal.Reject(reason, by, now);
            if (keepApart)
            {
                db.Exclusions.Add(new PairExclusion(proposal.CouncilId, proposal.CookId, proposal.DinerId, reason, by, now));
            }

            await db.SaveChangesAsync();
        });

    private Task<GrainFailure?> StopAsync(string by, Action<Diner> change) =>
        WriteAsync((diner, _, services) => services.GetRequiredService<MealWithdrawal>().ForDinerAsync(diner, by, change, alsoInTransaction: null, default));

    private Task<GrainFailure?> PairingAsync(Guid pairingId, Action<Pairing> change) =>
        GrainWrites.InScopeAsync(scopes, async (db, _) =>
        {
            var pairing = await db.Pairings.SingleOrDefaultAsync(p => p.Id == pairingId && p.DinerId == DinerId)
                ?? throw new InvalidTransitionException("pairing", "not the diner's", "changed");
            change(pairing);
            await db.SaveChangesAsync();
        });

    /// <summary>Reads the diner, tracked, and makes the change, which saves (a pause or an erasure in a transaction of its own).</summary>
    private Task<GrainFailure?> WriteAsync(Func<Diner, BrokeringDbContext, IServiceProvider, Task> change) =>
        GrainWrites.InScopeAsync(scopes, async (db, services) =>
        {
            var diner = await db.Diners.SingleOrDefaultAsync(d => d.Id == DinerId)
                ?? throw new InvalidTransitionException("diner", "not referred", "changed");
            await change(diner, db, services);
        });
}
