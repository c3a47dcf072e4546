using Brokering.Domain.Cooks;

namespace Brokering.Domain.Councils;

/// <summary>A council running a scheme; everything else belongs to exactly one council.</summary>
public sealed class Council : Aggregate
{
    public const int MaxNameLength = 200;

    private List<CheckKind> _requiredChecks = [];

    private Council() { Name = ""; }

    public Council(string name, CouncilPolicy policy)
    {
        Name = Text.Required(name, nameof(name), MaxNameLength);
        ChangePolicy(policy);
    }

    public string Name { get; private set; }
    public double MaxTravelKm { get; private set; }
    public decimal? ContributionAmount { get; private set; }
    public int MessageRetentionDays { get; private set; }
    public int LateCancellationHours { get; private set; }
    public int LateCancellationLimit { get; private set; }
    public int LateCancellationDays { get; private set; }
    public IReadOnlyList<CheckKind> RequiredChecks => _requiredChecks;

    public CouncilPolicy Policy => new(_requiredChecks, MaxTravelKm, ContributionAmount, MessageRetentionDays,
        new LateCancellationRule(LateCancellationHours, LateCancellationLimit, LateCancellationDays));

    public void ChangePolicy(CouncilPolicy policy)
    {
        _requiredChecks = [.. policy.RequiredChecks];
        MaxTravelKm = policy.MaxTravelKm;
        ContributionAmount = policy.ContributionAmount;
        MessageRetentionDays = policy.MessageRetentionDays;
        LateCancellationHours = policy.LateCancellations.WithinHours;
        LateCancellationLimit = policy.LateCancellations.Limit;
        LateCancellationDays = policy.LateCancellations.OverDays;
    }
}

/// <summary>
/// A council's own rules. Which checks a cook needs (and which DBS level) is the council's
/// decision: cooking and dropping off a meal is usually not regulated activity, so no level is
/// hard-coded anywhere else.
/// </summary>
public sealed record CouncilPolicy
{
    /// <summary>The longest travel radius any cook may set, whatever they offer.</summary>
    public const double UpperLimitKm = 50;

    /// <summary>How long the text and address of a sent message are kept unless the council says otherwise.</summary>
    public const int DefaultMessageRetentionDays = 90;

    public CouncilPolicy(IEnumerable<CheckKind> requiredChecks, double maxTravelKm, decimal? contributionAmount,
        int messageRetentionDays = DefaultMessageRetentionDays, LateCancellationRule? lateCancellations = null)
    {
        if (double.IsNaN(maxTravelKm) || maxTravelKm <= 0 || maxTravelKm > UpperLimitKm)
        {
            throw new DomainValidationException(nameof(maxTravelKm), $"must be more than 0 and at most {UpperLimitKm} km");
        }

        if (contributionAmount is < 0 or > 100)
        {
            throw new DomainValidationException(nameof(contributionAmount), "must be between 0 and 100");
        }

        if (messageRetentionDays is < 1 or > 3660)
        {
            throw new DomainValidationException(nameof(messageRetentionDays), "must be between 1 and 3660 days");
        }

        RequiredChecks = [.. requiredChecks.Distinct().Order()];
        MaxTravelKm = maxTravelKm;
        ContributionAmount = contributionAmount;
        MessageRetentionDays = messageRetentionDays;
        LateCancellations = lateCancellations ?? LateCancellationRule.Default;
    }

    public IReadOnlyList<CheckKind> RequiredChecks { get; }

    /// <summary>When a cook's or diner's late cancellations are shown to coordinators.</summary>
    public LateCancellationRule LateCancellations { get; }
    public double MaxTravelKm { get; }

    /// <summary>Optional payment per meal towards ingredients, in pounds; null when the council asks none.</summary>
    public decimal? ContributionAmount { get; }

    /// <summary>
    /// Days after which a message's text and address are erased (UK GDPR storage limitation);
    /// the record that it was sent, and to whom, stays.
    /// </summary>
    public int MessageRetentionDays { get; }

    /// <summary>A cautious starting point for a new council, which it is expected to review.</summary>
    public static CouncilPolicy Default => new(
        [CheckKind.Identity, CheckKind.DbsBasic, CheckKind.FoodHygiene, CheckKind.References, CheckKind.Agreement],
        maxTravelKm: 5, contributionAmount: null);
}

/// <summary>
/// A cancellation less than <see cref="WithinHours"/> before the meal is late; a cook or diner with
/// <see cref="Limit"/> or more late ones in the last <see cref="OverDays"/> days is shown to coordinators.
/// Which limits are fair is the council's decision: a diner in and out of hospital is not hoarding.
/// </summary>
public sealed record LateCancellationRule
{
    public LateCancellationRule(int withinHours, int limit, int overDays)
    {
        if (withinHours is < 1 or > 168)
        {
            throw new DomainValidationException("lateCancellationHours", "must be between 1 and 168 hours");
        }

        if (limit is < 1 or > 50)
        {
            throw new DomainValidationException("lateCancellationLimit", "must be between 1 and 50");
        }

        if (overDays is < 7 or > 365)
        {
            throw new DomainValidationException("lateCancellationDays", "must be between 7 and 365 days");
        }

        (WithinHours, Limit, OverDays) = (withinHours, limit, overDays);
    }

    public static LateCancellationRule Default => new(24, 3, 28);

    public int WithinHours { get; }
    public int Limit { get; }
    public int OverDays { get; }

    /// <summary>Whether a cancellation at <paramref name="at"/> of a meal starting at <paramref name="mealStarts"/> is late.</summary>
    public bool IsLate(DateTimeOffset at, DateTimeOffset mealStarts) => mealStarts - at < TimeSpan.FromHours(WithinHours);
}
