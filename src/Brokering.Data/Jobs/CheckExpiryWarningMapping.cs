using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Data.Jobs;

internal sealed class CheckExpiryWarningMapping : IEntityTypeConfiguration<CheckExpiryWarning>
{
    public void Configure(EntityTypeBuilder<CheckExpiryWarning> w)
    {
        w.ToTable("CheckExpiryWarnings");
        w.HasKey(x => new { x.CookId, x.Kind, x.ExpiresOn });
    }
}
