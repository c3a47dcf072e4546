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
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Data;

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
    public DbSet<MealRhythm> Rhythms => Set<MealRhythm>();
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
    public DbSet<Jobs.CheckExpiryWarning> CheckExpiryWarnings => Set<Jobs.CheckExpiryWarning>();
    public DbSet<Brokering.Data.Postcodes.PostcodeCentroid> Postcodes => Set<Brokering.Data.Postcodes.PostcodeCentroid>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<CookStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<DinerStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<OfferStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<BookingStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<PairingStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<RhythmStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<RhythmSide>().HaveConversion<string>().HaveMaxLength(20);
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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<BrokeringUser>(u => u.Property(x => x.DisplayName).HasMaxLength(Cook.MaxDisplayNameLength));

        builder.Entity<Council>(c =>
        {
            Aggregate(c);
            c.Property(x => x.Name).HasMaxLength(Council.MaxNameLength);
            c.Property(x => x.ContributionAmount).HasPrecision(8, 2);
            c.Property<List<CheckKind>>("_requiredChecks").HasColumnName("RequiredChecks").HasMaxLength(300)
                .HasConversion(
                    list => string.Join(',', list.Select(Names.Of)),
                    text => ParseChecks(text),
                    new ValueComparer<List<CheckKind>>((a, b) => a!.SequenceEqual(b!), l => l.Aggregate(0, (h, k) => HashCode.Combine(h, k)), l => l.ToList()));
            c.Ignore(x => x.RequiredChecks);
            c.Ignore(x => x.Policy);
        });

        builder.Entity<Cook>(c =>
        {
            Aggregate(c);
            c.Property(x => x.UserId).HasMaxLength(450);
            c.HasIndex(x => x.UserId).IsUnique();
            c.HasIndex(x => x.CouncilId);
            c.Property(x => x.DisplayName).HasMaxLength(Cook.MaxDisplayNameLength);
            c.Property(x => x.SuspensionReason).HasMaxLength(500);
            c.ComplexProperty(x => x.Location);
            c.OwnsMany(x => x.Checks, check =>
            {
                check.ToTable("CookChecks");
                check.WithOwner().HasForeignKey("CookId");
                check.Property<int>("Id");
                check.HasKey("Id");
                check.Property(x => x.Reference).HasMaxLength(SafeguardingCheck.MaxReferenceLength);
                check.Property(x => x.VerifiedBy).HasMaxLength(450);
            });
            c.Navigation(x => x.Checks).HasField("_checks");
        });

        builder.Entity<Diner>(d =>
        {
            Aggregate(d);
            d.HasIndex(x => x.CouncilId);
            d.Property(x => x.FirstName).HasMaxLength(Diner.MaxNameLength);
            d.Property(x => x.LastName).HasMaxLength(Diner.MaxNameLength);
            d.Property(x => x.ReferredBy).HasMaxLength(450);
            d.ComplexProperty(x => x.Location);
            d.OwnsOne(x => x.Contact, o =>
            {
                o.Property(x => x.Phone).HasMaxLength(30);
                o.Property(x => x.Email).HasMaxLength(254);
                o.Property(x => x.Address).HasMaxLength(500);
            });
            d.Navigation(x => x.Contact).IsRequired();
            d.OwnsOne(x => x.Consent, o => o.Property(x => x.RecordedBy).HasMaxLength(450));
            d.Navigation(x => x.Consent).IsRequired();
            d.OwnsOne(x => x.NominatedContact, o =>
            {
                o.Property(x => x.Name).HasMaxLength(100);
                o.Property(x => x.Phone).HasMaxLength(30);
                o.Property(x => x.Relationship).HasMaxLength(50);
            });
            d.Ignore(x => x.IsActive);
        });

        builder.Entity<MealOffer>(o =>
        {
            Aggregate(o);
            o.ToTable("Offers");
            o.HasIndex(x => new { x.CouncilId, x.DeliveryDate });
            o.Property(x => x.Dish).HasMaxLength(MealOffer.MaxDishLength);
            o.Property(x => x.Ingredients).HasMaxLength(MealOffer.MaxIngredientsLength);
            o.Property(x => x.ReheatingAdvice).HasMaxLength(500);
            o.Property(x => x.SafetyGuidance).HasMaxLength(500);
            o.ComplexProperty(x => x.Location);
            o.ComplexProperty(x => x.Allergens);
            o.ComplexProperty(x => x.Window);
        });

        builder.Entity<Booking>(b =>
        {
            Aggregate(b);
            b.HasIndex(x => x.OfferId);
            // One live booking per diner per offer, enforced by the database so racing requests cannot double-book.
            b.HasIndex(x => new { x.OfferId, x.DinerId }).IsUnique().HasFilter("\"Status\" <> 'Cancelled'").HasDatabaseName("IX_Bookings_OfferId_DinerId_Live");
            b.HasIndex(x => x.DinerId);
            b.HasIndex(x => new { x.BookedBy, x.IdempotencyKey }).IsUnique();
            b.Property(x => x.BookedBy).HasMaxLength(450);
            b.Property(x => x.CancelledBy).HasMaxLength(450);
            b.Property(x => x.IdempotencyKey).HasMaxLength(Booking.MaxIdempotencyKeyLength);
            b.Property(x => x.CancellationReason).HasMaxLength(500);
            b.Property(x => x.ReviewReason).HasMaxLength(Booking.MaxReviewReasonLength);
            b.OwnsOne(x => x.Feedback, f =>
            {
                f.Property(x => x.Comment).HasMaxLength(Feedback.MaxCommentLength);
                f.Property(x => x.GivenBy).HasMaxLength(450);
            });
        });

        builder.Entity<Pairing>(p =>
        {
            Aggregate(p);
            // One live pairing per cook and diner: two first meals booked at the same moment must not both start one.
            p.HasIndex(x => new { x.CookId, x.DinerId }).IsUnique().HasFilter("\"Status\" <> 'Ended'").HasDatabaseName("IX_Pairings_CookId_DinerId_Live");
            p.Property(x => x.ProposedBy).HasMaxLength(450);
            p.Property(x => x.ApprovedBy).HasMaxLength(450);
            p.Property(x => x.EndReason).HasMaxLength(500);
            p.Ignore(x => x.IsApproved);
        });

        builder.Entity<Concern>(c =>
        {
            Aggregate(c);
            c.HasIndex(x => new { x.CouncilId, x.Status });
            c.HasIndex(x => x.DinerId);
            c.HasIndex(x => x.CookId);
            c.Property(x => x.Summary).HasMaxLength(Concern.MaxSummaryLength);
            c.Property(x => x.RaisedBy).HasMaxLength(450);
            c.Property(x => x.Resolution).HasMaxLength(Concern.MaxSummaryLength);
            c.Property(x => x.AcknowledgedBy).HasMaxLength(450);
            c.Property(x => x.ResolvedBy).HasMaxLength(450);
            c.HasIndex(x => new { x.Severity, x.Status, x.EscalatedAt });
            c.OwnsMany(x => x.Actions, action =>
            {
                action.ToTable("ConcernActions");
                action.WithOwner().HasForeignKey("ConcernId");
                action.Property<int>("Id");
                action.HasKey("Id");
                action.Property(x => x.By).HasMaxLength(450);
                action.Property(x => x.Description).HasMaxLength(ConcernAction.MaxDescriptionLength);
            });
            c.Navigation(x => x.Actions).HasField("_actions");
        });

        builder.Entity<MealRhythm>(r =>
        {
            Aggregate(r);
            r.ToTable("Rhythms");
            r.HasIndex(x => new { x.CouncilId, x.Status });
            r.HasIndex(x => x.CookId);
            r.HasIndex(x => x.BackupCookId);
            r.HasIndex(x => x.DinerId);
            r.ComplexProperty(x => x.Window);
            r.ComplexProperty(x => x.Meal, meal =>
            {
                meal.Property(x => x.Dish).HasMaxLength(MealOffer.MaxDishLength);
                meal.Property(x => x.Ingredients).HasMaxLength(MealOffer.MaxIngredientsLength);
                meal.Property(x => x.ReheatingAdvice).HasMaxLength(500);
                meal.ComplexProperty(x => x.Allergens);
            });
            r.OwnsMany(x => x.Skips, skip =>
            {
                skip.ToTable("RhythmSkips");
                skip.WithOwner().HasForeignKey("RhythmId");
                skip.Property<int>("Id");
                skip.HasKey("Id");
                skip.Property(x => x.Reason).HasMaxLength(200);
            });
            r.Navigation(x => x.Skips).HasField("_skips");
            r.OwnsMany(x => x.Occurrences, occurrence =>
            {
                occurrence.ToTable("RhythmOccurrences");
                occurrence.WithOwner().HasForeignKey("RhythmId");
                occurrence.Property<int>("Id");
                occurrence.HasKey("Id");
                // Each date is planned once, even by two workers at the same moment.
                occurrence.HasIndex("RhythmId", nameof(MealOccurrence.Date)).IsUnique();
                occurrence.Property(x => x.Note).HasMaxLength(500);
                occurrence.Ignore(x => x.IsUncovered);
            });
            r.Navigation(x => x.Occurrences).HasField("_occurrences");
        });

        builder.Entity<DutyShift>(d =>
        {
            Aggregate(d);
            d.HasIndex(x => x.CouncilId);
            d.Property(x => x.CoordinatorId).HasMaxLength(450);
            d.Property(x => x.RecordedBy).HasMaxLength(450);
        });

        builder.Entity<SharingAgreement>(a =>
        {
            Aggregate(a);
            // One live agreement per pair of councils; ended ones stay as the record of what was shared when.
            a.HasIndex(x => new { x.CouncilA, x.CouncilB }).IsUnique().HasFilter("\"EndedAt\" IS NULL").HasDatabaseName("IX_SharingAgreements_Live");
            a.HasIndex(x => x.CouncilB);
            a.Property(x => x.Reference).HasMaxLength(SharingAgreement.MaxReferenceLength);
            a.Property(x => x.RecordedBy).HasMaxLength(450);
            a.Property(x => x.EndedBy).HasMaxLength(450);
            a.Ignore(x => x.IsActive);
        });

        builder.Entity<Domain.Contributions.Contribution>(c =>
        {
            Aggregate(c);
            // One contribution per meal, however many times a booking is saved or retried.
            c.HasIndex(x => x.BookingId).IsUnique();
            c.HasIndex(x => new { x.CouncilId, x.Status });
            c.HasIndex(x => x.CheckoutSessionId);
            c.HasIndex(x => x.PaymentIntentId);
            c.Property(x => x.CheckoutSessionId).HasMaxLength(255);
            c.Property(x => x.CheckoutUrl).HasMaxLength(2000);
            c.Property(x => x.PaymentIntentId).HasMaxLength(255);
            c.Property(x => x.RefundId).HasMaxLength(255);
            c.Property(x => x.WaivedBy).HasMaxLength(450);
            c.Property(x => x.WaiverReason).HasMaxLength(500);
            c.Property(x => x.LastError).HasMaxLength(Domain.Contributions.Contribution.MaxErrorLength);
            c.Ignore(x => x.IsOutstanding);
        });

        builder.Entity<Payments.StripeEvent>(e =>
        {
            e.ToTable("StripeEvents");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(255);
            e.Property(x => x.Type).HasMaxLength(100);
        });

        builder.Entity<MatchingRun>(r =>
        {
            Aggregate(r);
            r.HasIndex(x => new { x.CouncilId, x.DeliveryDate });
            // One scheduled round per council and day, however many workers wake for it.
            r.HasIndex(x => new { x.CouncilId, x.DeliveryDate, x.Scheduled }).IsUnique().HasFilter("\"Scheduled\" = TRUE")
                .HasDatabaseName("IX_MatchingRuns_Scheduled_Once");
            r.Property(x => x.StartedBy).HasMaxLength(450);
            r.OwnsMany(x => x.Unmatched, u =>
            {
                u.ToTable("MatchingRunUnmatched");
                u.WithOwner().HasForeignKey("RunId");
                u.Property<int>("Id");
                u.HasKey("Id");
                u.Property(x => x.Reasons).HasMaxLength(4000).HasConversion(ReasonsConverter, ReasonsComparer);
            });
            r.Navigation(x => x.Unmatched).HasField("_unmatched");
            r.OwnsMany(x => x.Coverage, c =>
            {
                c.ToTable("MatchingRunCoverage");
                c.WithOwner().HasForeignKey("RunId");
                c.Property<int>("Id");
                c.HasKey("Id");
            });
            r.Navigation(x => x.Coverage).HasField("_coverage");
        });

        builder.Entity<MatchProposal>(p =>
        {
            Aggregate(p);
            p.ToTable("MatchProposals");
            p.HasIndex(x => x.RunId);
            p.HasIndex(x => new { x.CouncilId, x.Status });
            p.Property(x => x.Reasons).HasMaxLength(4000).HasConversion(ReasonsConverter, ReasonsComparer);
            p.Property(x => x.DecidedBy).HasMaxLength(450);
            p.Property(x => x.RejectionReason).HasMaxLength(MatchProposal.MaxReasonLength);
        });

        builder.Entity<PairExclusion>(e =>
        {
            Aggregate(e);
            e.ToTable("PairExclusions");
            e.HasIndex(x => new { x.CouncilId, x.CookId, x.DinerId });
            e.Property(x => x.Reason).HasMaxLength(MatchProposal.MaxReasonLength);
            e.Property(x => x.RecordedBy).HasMaxLength(450);
        });

        builder.Entity<Audit.AuditEntry>(a =>
        {
            a.ToTable("AuditEntries");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).ValueGeneratedNever();
            a.Property(x => x.UserId).HasMaxLength(450);
            a.Property(x => x.Action).HasMaxLength(20);
            a.Property(x => x.SubjectType).HasMaxLength(20);
            a.Property(x => x.Why).HasMaxLength(Audit.AuditEntry.MaxWhyLength);
            a.HasIndex(x => x.SubjectId);
            a.HasIndex(x => x.UserId);
        });

        builder.Entity<Jobs.CheckExpiryWarning>(w =>
        {
            w.ToTable("CheckExpiryWarnings");
            w.HasKey(x => new { x.CookId, x.Kind, x.ExpiresOn });
        });

        builder.Entity<Brokering.Data.Postcodes.PostcodeCentroid>(p =>
        {
            p.ToTable("Postcodes");
            p.HasKey(x => x.Postcode);
            p.Property(x => x.Postcode).HasMaxLength(Brokering.Data.Postcodes.UkPostcode.MaxLength);
        });

        builder.Entity<Notification>(n =>
        {
            n.ToTable("Notifications");
            n.HasKey(x => x.Id);
            n.Property(x => x.Id).ValueGeneratedNever();
            // What a worker claims next: due, unclaimed, urgent first. The index is in the claim's own order
            // (urgent first, then by due time), so a claim reads about as many entries as it takes instead of
            // every pending message, most of which are reminders due days ahead.
            n.HasIndex(x => new { x.Status, x.Urgent, x.DueAt }).IsDescending(false, true, false).HasDatabaseName("IX_Notifications_Due");
            n.HasIndex(x => new { x.CouncilId, x.Status });
            n.HasIndex(x => x.SubjectId);
            n.Property(x => x.RecipientId).HasMaxLength(450);
            n.Property(x => x.Destination).HasMaxLength(500);
            n.Property(x => x.Fields).HasMaxLength(4000);
            n.Property(x => x.ProviderReference).HasMaxLength(100);
            n.Property(x => x.LastError).HasMaxLength(Notification.MaxErrorLength);
        });
    }

    // Reasons are generated sentences without line breaks, so one per line is a faithful, portable encoding.
    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<IReadOnlyList<string>, string> ReasonsConverter =
        new(reasons => string.Join('\n', reasons), text => text.Split('\n', StringSplitOptions.RemoveEmptyEntries));

    private static readonly ValueComparer<IReadOnlyList<string>> ReasonsComparer =
        new((a, b) => a!.SequenceEqual(b!), l => l.Aggregate(0, (h, r) => HashCode.Combine(h, r)), l => l.ToList());

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
        if (confirmedBookings > 0 && this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService(typeof(SchemeMetrics)) is SchemeMetrics metrics)
        {
            metrics.BookingsConfirmed.Add(confirmedBookings);
        }
    }

    private static void Aggregate<T>(EntityTypeBuilder<T> entity) where T : Aggregate
    {
        entity.HasKey(x => x.Id);
        entity.Property(x => x.Id).ValueGeneratedNever();
        entity.Property(x => x.Version).IsConcurrencyToken();
    }

    /// <summary>
    /// Every saved change to an aggregate, its owned parts included, moves its version on. The
    /// UPDATE carries the version that was read, so a writer holding a stale copy updates no row
    /// and gets <see cref="DbUpdateConcurrencyException"/> instead of overwriting someone else.
    /// </summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<Aggregate>().ToList())
        {
            if (entry.State == EntityState.Modified || (entry.State == EntityState.Unchanged && OwnedPartsChanged(entry)))
            {
                var version = entry.Property<int>(nameof(Domain.Aggregate.Version));
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }

    private bool OwnedPartsChanged(EntityEntry entry) =>
        entry.References.Any(r => r.Metadata.TargetEntityType.IsOwned() && r.TargetEntry is { State: not EntityState.Unchanged })
        || entry.Collections.Any(c => c.Metadata.TargetEntityType.IsOwned()
            && c.CurrentValue is { } items && items.Cast<object>().Any(item => Entry(item).State != EntityState.Unchanged));

    private static List<CheckKind> ParseChecks(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(name => Names.TryParse<CheckKind>(name, out var kind)
            ? kind
            : throw new InvalidOperationException($"Unknown check kind '{name}' stored for a council."))];
}
