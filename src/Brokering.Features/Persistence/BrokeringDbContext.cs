using Brokering.Domain;
using Brokering.Domain.Bookings;
using Brokering.Domain.Concerns;
using Brokering.Domain.Cooks;
using Brokering.Domain.Councils;
using Brokering.Domain.Diners;
using Brokering.Domain.Notifications;
using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;
using Brokering.Domain.Proposals;
using Brokering.Features.Accounts;
using Brokering.Features.Offers;
using Brokering.Features.Monitoring;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Brokering.Features.Persistence;

/// <summary>
/// One model for both providers. Column types are left to each provider's defaults for the CLR
/// type; each provider's migrations are generated from it (Brokering.Migrations.Sqlite and .Postgres).
/// </summary>
public sealed class BrokeringDbContext(DbContextOptions<BrokeringDbContext> options)
    : IdentityDbContext<BrokeringUser>(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>The key ring that protects sign-in cookies, tokens and anti-forgery tokens, shared by every API replica.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    /// <summary>
    /// Set by the offer's grain while it saves its own changes, which it already holds: only other
    /// writers' changes to that offer are announced through <see cref="IOfferCopies"/>.
    /// </summary>
    public Guid? SavingForOffer { get; set; }

    /// <summary>Offers changed in this unit of work and not yet announced (<see cref="AnnounceOfferChanges"/>).</summary>
    internal HashSet<Guid> OffersChanged { get; } = [];

    public DbSet<Council> Councils => Set<Council>();
    public DbSet<Cook> Cooks => Set<Cook>();
    public DbSet<Diner> Diners => Set<Diner>();
    public DbSet<MealOffer> Offers => Set<MealOffer>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<Pairing> Pairings => Set<Pairing>();
    public DbSet<RegularMeal> RegularMeals => Set<RegularMeal>();
    public DbSet<Concern> Concerns => Set<Concern>();
    public DbSet<DutyShift> DutyShifts => Set<DutyShift>();
    public DbSet<SharingAgreement> SharingAgreements => Set<SharingAgreement>();

    /// <summary>Whether the two councils have a live sharing agreement, whichever way round they are named.</summary>
    public Task<bool> SharingBetweenAsync(Guid oneCouncil, Guid otherCouncil, CancellationToken cancellationToken)
    {
        var (a, b) = SharingAgreement.Pair(oneCouncil, otherCouncil);
        return SharingAgreements.AnyAsync(x => x.CouncilA == a && x.CouncilB == b && x.EndedAt == null, cancellationToken);
    }
    public DbSet<Domain.Contributions.Contribution> Contributions => Set<Domain.Contributions.Contribution>();
    public DbSet<Payments.StripeEvent> StripeEvents => Set<Payments.StripeEvent>();
    public DbSet<MatchingRun> MatchingRuns => Set<MatchingRun>();
    public DbSet<MatchProposal> Proposals => Set<MatchProposal>();
    public DbSet<PairExclusion> Exclusions => Set<PairExclusion>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();
    public DbSet<Cooks.CheckExpiryWarning> CheckExpiryWarnings => Set<Cooks.CheckExpiryWarning>();
    public DbSet<Postcodes.PostcodeCentroid> Postcodes => Set<Postcodes.PostcodeCentroid>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<CookStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<DinerStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<OfferStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<BookingStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<PairingStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<RegularMealStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<RegularMealSide>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<OccurrenceStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<DayOfWeek>().HaveConversion<string>().HaveMaxLength(10);
        configurationBuilder.Properties<ConcernStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ConcernSeverity>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ConcernSubject>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<Domain.Contributions.ContributionStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ContactChannel>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<CheckKind>().HaveConversion<string>().HaveMaxLength(30);
        configurationBuilder.Properties<ProposalStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<NotificationKind>().HaveConversion<string>().HaveMaxLength(30);
        configurationBuilder.Properties<NotificationChannel>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<NotificationStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<RecipientRole>().HaveConversion<string>().HaveMaxLength(20);
    }

    /// <summary>Each aggregate's mapping is a class of its own beside its feature (<c>*Mapping.cs</c>).</summary>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BrokeringDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var confirmed = PrepareSave();
        using (new DetectionPaused(ChangeTracker))
        {
            var saved = base.SaveChanges(acceptAllChangesOnSuccess);
            Counted(confirmed);
            return saved;
        }
    }

    /// <summary>Also counts the bookings confirmed, here, so every way of booking is counted once whichever path made it.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var confirmed = PrepareSave();
        using (new DetectionPaused(ChangeTracker))
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            Counted(confirmed);
            return saved;
        }
    }

    /// <returns>How many bookings the save confirms.</returns>
    private int PrepareSave()
    {
        ChangeTracker.DetectChanges();
        using (new DetectionPaused(ChangeTracker))
        {
            BumpVersions();
            return ChangeTracker.Entries<Booking>().Count(e => e.State == EntityState.Added);
        }
    }

    /// <summary>
    /// <see cref="PrepareSave"/> has just detected every change: reading the entries, the save and
    /// the interceptors that read them need not walk every entry again.
    /// </summary>
    private sealed class DetectionPaused : IDisposable
    {
        private readonly ChangeTracker _tracker;
        private readonly bool _was;

        public DetectionPaused(ChangeTracker tracker)
        {
            (_tracker, _was) = (tracker, tracker.AutoDetectChangesEnabled);
            tracker.AutoDetectChangesEnabled = false;
        }

        public void Dispose() => _tracker.AutoDetectChangesEnabled = _was;
    }

    /// <summary>Counted on the host's own meters; a context made outside a host (a tool's) counts nothing.</summary>
    private void Counted(int confirmedBookings)
    {
        if (confirmedBookings > 0 && Metrics is { } metrics)
        {
            metrics.BookingsConfirmed.Add(confirmedBookings);
        }
    }

    /// <summary>The host's metrics, looked up once: a pooled context serves one host for its whole life.</summary>
    private SchemeMetrics? Metrics => _metrics ??=
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService(typeof(SchemeMetrics)) as SchemeMetrics;

    private SchemeMetrics? _metrics;

    /// <summary>
    /// Every saved change to an aggregate, its owned parts included, moves its version on. The
    /// UPDATE carries the version that was read, so a writer holding a stale copy updates no row
    /// and gets <see cref="DbUpdateConcurrencyException"/> instead of overwriting someone else.
    /// </summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<Aggregate>().ToList())
        {
            if ((entry.State == EntityState.Modified && !IsHold(entry)) || (entry.State == EntityState.Unchanged && OwnedPartsChanged(entry)))
            {
                var version = entry.Property<int>(nameof(Domain.Aggregate.Version));
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }

    /// <summary>
    /// Holds the diner's row in this save without changing it, for a booking: the UPDATE carries the
    /// version that was read, so a pause, close or erasure that committed since makes the save fail
    /// (and the booking is decided again, on the diner as they are now), and one under way is waited
    /// for. Their side takes the row first (<see cref="Offers.MealWithdrawal"/>), so it sees every
    /// booking that got in before it. The version does not move, so bookings do not refuse each other.
    /// </summary>
    public void HoldForBooking(Diner diner) => Diners.Attach(diner).Property(d => d.Status).IsModified = true;

    /// <summary>A save that changes none of an aggregate's values, only holds its row (<see cref="HoldForBooking"/>).</summary>
    private bool IsHold(EntityEntry entry) =>
        entry.Properties.All(p => !p.IsModified || Equals(p.CurrentValue, p.OriginalValue)) && !OwnedPartsChanged(entry);

    private bool OwnedPartsChanged(EntityEntry entry) =>
        entry.References.Any(r => r.Metadata.TargetEntityType.IsOwned() && r.TargetEntry is { State: not EntityState.Unchanged })
        || entry.Collections.Any(c => c.Metadata.TargetEntityType.IsOwned()
            && c.CurrentValue is { } items && items.Cast<object>().Any(item => Entry(item).State != EntityState.Unchanged));
}
