using Brokering.Domain.Cooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Features.Accounts;

internal sealed class BrokeringUserMapping : IEntityTypeConfiguration<BrokeringUser>
{
    public void Configure(EntityTypeBuilder<BrokeringUser> builder) => builder.Property(x => x.DisplayName).HasMaxLength(Cook.MaxDisplayNameLength);
}
