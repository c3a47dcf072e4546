namespace Brokering.Domain.Cooks;

public enum CheckKind
{
    Identity,
    DbsBasic,
    DbsStandard,
    DbsEnhanced,
    DbsEnhancedBarred,
    FoodHygiene,
    References,
    Agreement,
}

/// <summary>
/// A check a coordinator verified. It is valid on the days from <see cref="IssuedOn"/> up to but
/// not including <see cref="ExpiresOn"/>; a check without an expiry (a DBS certificate, say)
/// stays valid until the council asks for it again.
/// </summary>
public sealed record SafeguardingCheck
{
    public const int MaxReferenceLength = 100;

    private SafeguardingCheck() { Reference = ""; VerifiedBy = ""; }

    public SafeguardingCheck(CheckKind kind, string? reference, DateOnly issuedOn, DateOnly? expiresOn, string verifiedBy, DateTimeOffset verifiedAt)
    {
        if (expiresOn is { } expiry && expiry <= issuedOn)
        {
            throw new DomainValidationException(nameof(expiresOn), "must be after issuedOn");
        }

        Kind = kind;
        Reference = Text.Optional(reference, nameof(reference), MaxReferenceLength) ?? "";
        IssuedOn = issuedOn;
        ExpiresOn = expiresOn;
        VerifiedBy = verifiedBy;
        VerifiedAt = verifiedAt;
    }

    public CheckKind Kind { get; private init; }
    public string Reference { get; private init; }

    /// <summary>The same check with its certificate or document number removed, for erasure; what was checked and when stays.</summary>
    public SafeguardingCheck WithoutReference() => this with { Reference = "" };
    public DateOnly IssuedOn { get; private init; }
    public DateOnly? ExpiresOn { get; private init; }
    public string VerifiedBy { get; private init; }
    public DateTimeOffset VerifiedAt { get; private init; }

    public bool IsValidOn(DateOnly day) => IssuedOn <= day && (ExpiresOn is null || day < ExpiresOn);

    /// <summary>
    /// True when this check meets a policy's <paramref name="required"/> kind. A higher DBS level
    /// meets a lower one (an enhanced certificate discloses everything a basic one does).
    /// </summary>
    public bool Satisfies(CheckKind required) =>
        Kind == required || (DbsLevel(Kind) is { } held && DbsLevel(required) is { } needed && held >= needed);

    private static int? DbsLevel(CheckKind kind) => kind switch
    {
        CheckKind.DbsBasic => 1,
        CheckKind.DbsStandard => 2,
        CheckKind.DbsEnhanced => 3,
        CheckKind.DbsEnhancedBarred => 4,
        _ => null,
    };
}
