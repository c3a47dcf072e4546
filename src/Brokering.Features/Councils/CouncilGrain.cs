using Brokering.Domain;
using Brokering.Domain.Councils;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Councils;

/// <summary>
/// The one writer of a council's policy, its sharing agreements and its duty rota. Its answers are
/// failures carried as data, as the offer grain's are.
/// </summary>
[Alias("Brokering.ICouncilGrain")]
public interface ICouncilGrain : IGrainWithGuidKey
{
    /// <summary>The checks, travel limit, contribution and message rules the council asks for from now; the next booking on every offer is decided by them.</summary>
    [Alias("ChangePolicy")]
    Task<GrainFailure?> ChangePolicy(PolicyRequest policy);

    /// <summary>Records an agreement with <paramref name="otherCouncil"/>; asked of the first council of the pair as agreements store it.</summary>
    [Alias("RecordSharing")]
    Task<SharingResult> RecordSharing(Guid otherCouncil, string reference, string by);

    [Alias("EndSharing")]
    Task<GrainFailure?> EndSharing(Guid agreementId, string by);

    [Alias("AddDutyShift")]
    Task<DutyShiftResult> AddDutyShift(string coordinatorId, DateTimeOffset starts, DateTimeOffset ends, string by);

    [Alias("RemoveDutyShift")]
    Task<GrainFailure?> RemoveDutyShift(Guid shiftId);
}

/// <summary>The agreement recorded, or that the pair already share, or why not.</summary>
[GenerateSerializer, Immutable, Alias("Brokering.SharingResult")]
public sealed record SharingResult(Guid? AgreementId, bool AlreadySharing = false, GrainFailure? Failure = null);

[GenerateSerializer, Immutable, Alias("Brokering.DutyShiftResult")]
public sealed record DutyShiftResult(Guid? ShiftId, GrainFailure? Failure = null);

/// <summary>
/// Reads what it changes afresh for every command rather than keeping a copy: every booking reads
/// the council's version, so a policy change binds the next booking on every offer in every
/// process at once (<c>PolicyAcrossReplicasTests</c>). What the grain buys is one change to a
/// council at a time in the whole cluster: two sharing agreements for one pair, or a policy change
/// racing another, queue here instead of one of them failing on the database.
/// </summary>
public sealed class CouncilGrain(IServiceScopeFactory scopes, TimeProvider time) : Grain, ICouncilGrain
{
    private Guid CouncilId => this.GetPrimaryKey();

    public Task<GrainFailure?> ChangePolicy(PolicyRequest policy) => GrainWrites.InScopeAsync(scopes, async (db, _) =>
    {
        var council = await db.Councils.SingleOrDefaultAsync(c => c.Id == CouncilId) ?? throw NoCouncil();
        council.ChangePolicy(policy.ToPolicy());
        await db.SaveChangesAsync();
    });

    public async Task<SharingResult> RecordSharing(Guid otherCouncil, string reference, string by)
    {
        Guid? recorded = null;
        var already = false;
        var failure = await GrainWrites.InScopeAsync(scopes, async (db, _) =>
        {
            var agreement = new SharingAgreement(CouncilId, otherCouncil, reference, by, time.GetUtcNow());
            if (agreement.CouncilA != CouncilId)
            {
                throw new InvalidOperationException("A sharing agreement is recorded by the first council of the pair, so one pair's are recorded one at a time.");
            }

            if (await db.SharingBetweenAsync(agreement.CouncilA, agreement.CouncilB, default))
            {
                already = true;
                return;
            }

            db.SharingAgreements.Add(agreement);
            await db.SaveChangesAsync();
            recorded = agreement.Id;
        });
        return new(recorded, already, failure);
    }

    public Task<GrainFailure?> EndSharing(Guid agreementId, string by) => GrainWrites.InScopeAsync(scopes, async (db, _) =>
    {
        var agreement = await db.SharingAgreements.SingleOrDefaultAsync(a => a.Id == agreementId && a.CouncilA == CouncilId)
            ?? throw new InvalidTransitionException("sharing agreement", "not this council's", "ended");
        agreement.End(by, time.GetUtcNow());
        await db.SaveChangesAsync();
    });

    public async Task<DutyShiftResult> AddDutyShift(string coordinatorId, DateTimeOffset starts, DateTimeOffset ends, string by)
    {
        Guid? added = null;
        var failure = await GrainWrites.InScopeAsync(scopes, async (db, _) =>
        {
            var shift = new DutyShift(CouncilId, coordinatorId, starts, ends, by, time.GetUtcNow());
            db.DutyShifts.Add(shift);
            await db.SaveChangesAsync();
            added = shift.Id;
        });
        return new(added, failure);
    }

    public Task<GrainFailure?> RemoveDutyShift(Guid shiftId) => GrainWrites.InScopeAsync(scopes, async (db, _) =>
    {
        // Already off the rota is as good as taken off now.
        if (await db.DutyShifts.SingleOrDefaultAsync(s => s.Id == shiftId && s.CouncilId == CouncilId) is { } shift)
        {
            db.DutyShifts.Remove(shift);
            await db.SaveChangesAsync();
        }
    });

    private static InvalidTransitionException NoCouncil() => new("council", "not created", "changed");
}
