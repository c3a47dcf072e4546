using Brokering.Domain.Bookings;
using Brokering.Domain.Diners;
using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;
using Brokering.Domain.Proposals;
using Brokering.Features.Persistence;
using Brokering.Features.Monitoring;
using Brokering.Matching;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Matching;

/// <summary>
/// Runs one council's matching round for a delivery day: loads what the matcher needs, runs it,
/// and saves the run with its proposals. Proposals still undecided from an earlier round for the
/// same day are superseded in the same transaction, so a coordinator only ever sees one live set.
/// </summary>
public sealed class MatchingRounds(BrokeringDbContext db, TimeProvider time, SchemeMetrics metrics)
{
    public const string Scheduler = "schedule";

    /// <summary>A round a coordinator asked for; it supersedes any open proposals for that day.</summary>
    public async Task<(MatchingRun Run, IReadOnlyList<MatchProposal> Proposals)> RunAsync(
        Guid councilId, DateOnly deliveryDate, string startedBy, CancellationToken cancellationToken) =>
        (await SaveRoundAsync(councilId, deliveryDate, startedBy, scheduled: false, cancellationToken))
        ?? throw new InvalidOperationException("A coordinator's round is always saved.");

    /// <returns>The saved run, or null when this council's scheduled round for the day was saved already.</returns>
    public async Task<(MatchingRun Run, IReadOnlyList<MatchProposal> Proposals)?> RunScheduledAsync(
        Guid councilId, DateOnly deliveryDate, CancellationToken cancellationToken) =>
        await db.MatchingRuns.AnyAsync(r => r.CouncilId == councilId && r.DeliveryDate == deliveryDate && r.Scheduled, cancellationToken)
            ? null
            : await SaveRoundAsync(councilId, deliveryDate, Scheduler, scheduled: true, cancellationToken);

    private async Task<(MatchingRun Run, IReadOnlyList<MatchProposal> Proposals)?> SaveRoundAsync(
        Guid councilId, DateOnly deliveryDate, string startedBy, bool scheduled, CancellationToken cancellationToken)
    {
        var request = await LoadAsync(councilId, deliveryDate, cancellationToken);
        var result = Matcher.Run(request);

        var run = new MatchingRun(councilId, deliveryDate, startedBy, scheduled, time.GetUtcNow());
        var proposals = result.Proposals
            .Select(p => new MatchProposal(run.Id, councilId, p.OfferId, p.DinerId, p.CookId, p.DistanceKm, p.ContinuesPairing, p.Reasons))
            .ToList();
        foreach (var unmatched in result.Unmatched)
        {
            run.RecordUnmatched(unmatched.DinerId, unmatched.Reasons);
        }

        foreach (var area in result.Coverage)
        {
            run.RecordCoverage(area.Centre, area.Diners, area.RadiusKm);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Proposals
            .Where(p => p.CouncilId == councilId && p.Status == ProposalStatus.Proposed
                && db.MatchingRuns.Any(r => r.Id == p.RunId && r.DeliveryDate == deliveryDate))
            .ExecuteUpdateAsync(set => set
                .SetProperty(p => p.Status, ProposalStatus.Superseded)
                .SetProperty(p => p.Version, p => p.Version + 1), cancellationToken);
        db.MatchingRuns.Add(run);
        db.Proposals.AddRange(proposals);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (scheduled && Database.IsUniqueViolation(e))
        {
            // A second activation of the day's grain, while the cluster changed, saved it first.
            db.ChangeTracker.Clear();
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        metrics.MatchingRounds.Add(1, new KeyValuePair<string, object?>("scheduled", scheduled));
        metrics.MatchProposals.Add(proposals.Count);
        return (run, proposals);
    }

    /// <summary>
    /// The open offers for the day of the council and of every council with a live sharing
    /// agreement with it, with their cooks' matchability under their own council's policy; and the
    /// council's approved diners not already booked that day, each waiting since their last meal or their referral.
    /// </summary>
    private async Task<MatchingRequest> LoadAsync(Guid councilId, DateOnly deliveryDate, CancellationToken cancellationToken)
    {
        var agreements = await db.SharingAgreements.AsNoTracking()
            .Where(a => a.EndedAt == null && (a.CouncilA == councilId || a.CouncilB == councilId))
            .Select(a => new SharingCouncils(a.CouncilA, a.CouncilB))
            .ToListAsync(cancellationToken);
        var schemeCouncils = agreements.SelectMany(a => new[] { a.CouncilA, a.CouncilB }).Append(councilId).Distinct().ToList();
        var policies = await db.Councils.AsNoTracking().Where(c => schemeCouncils.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Policy, cancellationToken);
        var offers = await db.Offers.AsNoTracking()
            .Where(o => schemeCouncils.Contains(o.CouncilId) && o.DeliveryDate == deliveryDate && o.Status == OfferStatus.Open && o.PortionsLeft > 0)
            .ToListAsync(cancellationToken);
        var cookIds = offers.Select(o => o.CookId).Distinct().ToList();
        var cooks = await db.Cooks.AsNoTracking().Where(c => cookIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);

        var live = db.Bookings.Where(b => b.CouncilId == councilId && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Delivered));
        var fedThatDay = live.Join(db.Offers.Where(o => o.DeliveryDate == deliveryDate), b => b.OfferId, o => o.Id, (b, _) => b.DinerId);
        var diners = await db.Diners.AsNoTracking()
            .Where(d => d.CouncilId == councilId && d.Status == DinerStatus.Approved && !fedThatDay.Contains(d.Id))
            .ToListAsync(cancellationToken);
        var lastMeals = await live
            .Join(db.Offers.Where(o => o.DeliveryDate < deliveryDate), b => b.OfferId, o => o.Id, (b, o) => new { b.DinerId, o.DeliveryDate })
            .GroupBy(x => x.DinerId)
            .Select(g => new { DinerId = g.Key, Last = g.Max(x => x.DeliveryDate) })
            .ToDictionaryAsync(x => x.DinerId, x => x.Last, cancellationToken);

        var pairings = await db.Pairings.AsNoTracking()
            .Where(p => p.CouncilId == councilId && (p.Status == PairingStatus.Introduced || p.Status == PairingStatus.Approved))
            .Select(p => new CookDiner(p.CookId, p.DinerId))
            .ToListAsync(cancellationToken);
        var exclusions = await db.Exclusions.AsNoTracking()
            .Where(e => e.CouncilId == councilId)
            .Select(e => new CookDiner(e.CookId, e.DinerId))
            .ToListAsync(cancellationToken);

        return new MatchingRequest(
            deliveryDate,
            time.GetUtcNow(),
            [.. offers.Select(o => OfferToMatch.From(o, cooks[o.CookId], policies[o.CouncilId]))],
            [.. diners.Select(d => DinerToMatch.From(d, lastMeals.TryGetValue(d.Id, out var last) ? new DateTimeOffset(last.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null))],
            policies.ToDictionary(p => p.Key, p => p.Value.MaxTravelKm))
        {
            Pairings = pairings.ToHashSet(),
            Exclusions = exclusions.ToHashSet(),
            Sharing = agreements,
        };
    }
}
