using Brokering.Domain.Councils;

namespace Brokering.Domain.Cooks;

public enum CookStatus
{
    Applied,
    Approved,
    Suspended,
    Rejected,

    /// <summary>Left the scheme and had their personal details erased; never matchable again.</summary>
    Erased,
}

/// <summary>
/// A volunteer cook. Applies, has safeguarding checks verified by a coordinator, is approved, and
/// is matchable on a day only while approved and holding every check the council requires, valid
/// that day.
/// </summary>
public sealed class Cook : Aggregate, ICouncilOwned
{
    public const int MaxDisplayNameLength = 100;
    public const int MaxSuspensionReasonLength = 500;

    /// <summary>One mile, as Casserole Club used; the council's maximum still applies.</summary>
    public const double DefaultTravelRadiusKm = 1.6;

    private readonly List<SafeguardingCheck> _checks = [];

    private Cook() { UserId = ""; DisplayName = ""; }

    public Cook(Guid councilId, string userId, string displayName, GeoPoint location, double? travelRadiusKm, DateTimeOffset appliedAt)
    {
        CouncilId = councilId;
        UserId = userId;
        DisplayName = Text.Required(displayName, nameof(displayName), MaxDisplayNameLength);
        Location = location;
        TravelRadiusKm = ValidRadius(travelRadiusKm ?? DefaultTravelRadiusKm);
        AppliedAt = appliedAt;
        Status = CookStatus.Applied;
    }

    public Guid CouncilId { get; private set; }
    public string UserId { get; private set; }
    public string DisplayName { get; private set; }
    public GeoPoint Location { get; private set; }
    public double TravelRadiusKm { get; private set; }
    public CookStatus Status { get; private set; }
    public DateTimeOffset AppliedAt { get; private set; }
    public string? SuspensionReason { get; private set; }
    public IReadOnlyList<SafeguardingCheck> Checks => _checks;

    public void RecordCheck(SafeguardingCheck check)
    {
        if (Status == CookStatus.Rejected)
        {
            throw new InvalidTransitionException("cook", "rejected", "given a new check");
        }

        _checks.Add(check);
    }

    /// <summary>The checks the policy requires that this cook does not hold valid on <paramref name="day"/>.</summary>
    public IReadOnlyList<CheckKind> MissingChecks(CouncilPolicy policy, DateOnly day) =>
        [.. policy.RequiredChecks.Where(required => !_checks.Any(c => c.Satisfies(required) && c.IsValidOn(day)))];

    /// <exception cref="ChecksOutstandingException">Some required check is missing or not valid today.</exception>
    public void Approve(CouncilPolicy policy, DateOnly today)
    {
        if (Status is not (CookStatus.Applied or CookStatus.Suspended))
        {
            throw new InvalidTransitionException("cook", Names.Of(Status), "approved");
        }

        var missing = MissingChecks(policy, today);
        if (missing.Count > 0)
        {
            throw new ChecksOutstandingException(missing);
        }

        Status = CookStatus.Approved;
        SuspensionReason = null;
    }

    public void Reject()
    {
        if (Status != CookStatus.Applied)
        {
            throw new InvalidTransitionException("cook", Names.Of(Status), "rejected");
        }

        Status = CookStatus.Rejected;
    }

    public void Suspend(string reason)
    {
        if (Status != CookStatus.Approved)
        {
            throw new InvalidTransitionException("cook", Names.Of(Status), "suspended");
        }

        Status = CookStatus.Suspended;
        SuspensionReason = Text.Required(reason, nameof(reason), MaxSuspensionReasonLength);
    }

    public const string ErasedName = "Erased";

    public bool IsErased => Status == CookStatus.Erased;

    /// <summary>
    /// UK GDPR erasure: removes the name and the check references (certificate and document
    /// numbers), and coarsens the home location to about a kilometre. Which checks were held and
    /// when, and the cook's meals, stay for the scheme's statistics and safeguarding record.
    /// </summary>
    public void Erase()
    {
        if (IsErased)
        {
            throw new InvalidTransitionException("cook", "erased", "erased");
        }

        DisplayName = ErasedName;
        Location = Location.Coarsened();
        SuspensionReason = null;
        for (var i = 0; i < _checks.Count; i++)
        {
            _checks[i] = _checks[i].WithoutReference();
        }

        Status = CookStatus.Erased;
    }

    public void ChangeTravelRadius(double km) => TravelRadiusKm = ValidRadius(km);

    /// <summary>Why this cook cannot cook for anyone on <paramref name="day"/>; empty when matchable.</summary>
    public IReadOnlyList<string> WhyNotMatchableOn(CouncilPolicy policy, DateOnly day)
    {
        if (Status != CookStatus.Approved)
        {
            return [$"cook is {Names.Of(Status)}, not approved"];
        }

        var missing = MissingChecks(policy, day);
        return missing.Count == 0
            ? []
            : [$"cook's checks not valid on {day:yyyy-MM-dd}: {string.Join(", ", missing.Select(Names.Of))}"];
    }

    private static double ValidRadius(double km) =>
        double.IsNaN(km) || km <= 0 || km > CouncilPolicy.UpperLimitKm
            ? throw new DomainValidationException("travelRadiusKm", $"must be more than 0 and at most {CouncilPolicy.UpperLimitKm} km")
            : km;
}

/// <summary>A cook cannot be approved until the council's required checks are held and valid.</summary>
public sealed class ChecksOutstandingException(IReadOnlyList<CheckKind> missing)
    : Exception($"The council's policy still needs: {string.Join(", ", missing.Select(Names.Of))}.")
{
    public IReadOnlyList<CheckKind> Missing { get; } = missing;
}
