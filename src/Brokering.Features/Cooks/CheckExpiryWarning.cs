using Brokering.Domain.Cooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Features.Cooks;

/// <summary>That a cook and their coordinators were warned about one check's expiry; the key keeps it to once.</summary>
public sealed record CheckExpiryWarning(Guid CookId, CheckKind Kind, DateOnly ExpiresOn);

internal sealed class CheckExpiryWarningMapping : IEntityTypeConfiguration<CheckExpiryWarning>
{
    public void Configure(EntityTypeBuilder<CheckExpiryWarning> w)
    {
        w.ToTable("CheckExpiryWarnings");
        w.HasKey(x => new { x.CookId, x.Kind, x.ExpiresOn });
    }
}
