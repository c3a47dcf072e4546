using Brokering.Domain;
using Brokering.Domain.Pairings;
using Brokering.Domain.Proposals;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Features.Pairings;

internal sealed class PairingMapping : AggregateMapping<Pairing>
{
    protected override void Map(EntityTypeBuilder<Pairing> p)
    {
        // One live pairing per cook and diner: two first meals booked at the same moment must not both start one.
        p.HasIndex(x => new { x.CookId, x.DinerId }).IsUnique().HasFilter("\"Status\" <> 'Ended'").HasDatabaseName("IX_Pairings_CookId_DinerId_Live");
        p.Property(x => x.ProposedBy).HasMaxLength(AccountId.MaxLength);
        p.Property(x => x.ApprovedBy).HasMaxLength(AccountId.MaxLength);
        p.Property(x => x.EndReason).HasMaxLength(Pairing.MaxEndReasonLength);
        p.Ignore(x => x.IsApproved);
    }
}

internal sealed class PairExclusionMapping : AggregateMapping<PairExclusion>
{
    protected override void Map(EntityTypeBuilder<PairExclusion> e)
    {
        e.ToTable("PairExclusions");
        e.HasIndex(x => new { x.CouncilId, x.CookId, x.DinerId });
        e.Property(x => x.Reason).HasMaxLength(MatchProposal.MaxReasonLength);
        e.Property(x => x.RecordedBy).HasMaxLength(AccountId.MaxLength);
    }
}
