using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Features.Postcodes;

internal sealed class PostcodeCentroidMapping : IEntityTypeConfiguration<PostcodeCentroid>
{
    public void Configure(EntityTypeBuilder<PostcodeCentroid> p)
    {
        p.ToTable("Postcodes");
        p.HasKey(x => x.Postcode);
        p.Property(x => x.Postcode).HasMaxLength(UkPostcode.MaxLength);
    }
}
