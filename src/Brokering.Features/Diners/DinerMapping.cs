using Brokering.Domain;
using Brokering.Domain.Diners;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Features.Diners;

internal sealed class DinerMapping : AggregateMapping<Diner>
{
    protected override void Map(EntityTypeBuilder<Diner> d)
    {
        d.HasIndex(x => x.CouncilId);
        d.Property(x => x.FirstName).HasMaxLength(Diner.MaxNameLength);
        d.Property(x => x.LastName).HasMaxLength(Diner.MaxNameLength);
        d.Property(x => x.ReferredBy).HasMaxLength(AccountId.MaxLength);
        d.ComplexProperty(x => x.Location);
        d.OwnsOne(x => x.Contact, o =>
        {
            o.Property(x => x.Phone).HasMaxLength(ContactDetails.MaxPhoneLength);
            o.Property(x => x.Email).HasMaxLength(ContactDetails.MaxEmailLength);
            o.Property(x => x.Address).HasMaxLength(ContactDetails.MaxAddressLength);
        });
        d.Navigation(x => x.Contact).IsRequired();
        d.OwnsOne(x => x.Consent, o => o.Property(x => x.RecordedBy).HasMaxLength(AccountId.MaxLength));
        d.Navigation(x => x.Consent).IsRequired();
        d.OwnsOne(x => x.NominatedContact, o =>
        {
            o.Property(x => x.Name).HasMaxLength(NominatedContact.MaxNameLength);
            o.Property(x => x.Phone).HasMaxLength(ContactDetails.MaxPhoneLength);
            o.Property(x => x.Relationship).HasMaxLength(NominatedContact.MaxRelationshipLength);
        });
        d.Ignore(x => x.IsActive);
    }
}
