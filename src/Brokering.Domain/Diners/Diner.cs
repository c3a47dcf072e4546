namespace Brokering.Domain.Diners;

public enum DinerStatus
{
    Referred,
    Approved,
    Paused,
    Closed,
}

/// <summary>How a diner wants to be reached; many have no email or smartphone.</summary>
public enum ContactChannel
{
    Phone,
    Sms,
    Email,
    Letter,
}

/// <summary>The diner's consent to be referred, and who recorded it and when.</summary>
public sealed record Consent(bool Given, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A relative or carer who may act for the diner and is told of urgent concerns.</summary>
public sealed record NominatedContact
{
    public const int MaxNameLength = 100;
    public const int MaxRelationshipLength = 50;

    public NominatedContact(string name, string? phone, string? relationship)
    {
        Name = Text.Required(name, "nominatedContact.name", MaxNameLength);
        Phone = Text.Optional(phone, "nominatedContact.phone", ContactDetails.MaxPhoneLength);
        Relationship = Text.Optional(relationship, "nominatedContact.relationship", MaxRelationshipLength);
    }

    public string Name { get; private init; }
    public string? Phone { get; private init; }
    public string? Relationship { get; private init; }
}

/// <summary>How to reach the diner on their channel. Each part is optional: a referral may come before the details.</summary>
public sealed record ContactDetails
{
    public const int MaxPhoneLength = 30;

    /// <summary>The longest address RFC 5321 allows through SMTP.</summary>
    public const int MaxEmailLength = 254;

    public const int MaxAddressLength = 500;

    public ContactDetails(string? phone, string? email, string? address)
    {
        Phone = Text.Optional(phone, "phone", MaxPhoneLength);
        Email = Text.Optional(email, "email", MaxEmailLength);
        Address = Text.Optional(address, "address", MaxAddressLength);
    }

    public string? Phone { get; private init; }
    public string? Email { get; private init; }
    public string? Address { get; private init; }
}

/// <summary>
/// An older or vulnerable resident who would like a meal. Referred with consent, approved by a
/// coordinator, and only then offered meals. Their allergens and diets are special-category data.
/// </summary>
public sealed class Diner : Aggregate, ICouncilOwned
{
    public const int MaxNameLength = 100;

    private Diner() { FirstName = ""; LastName = ""; Consent = null!; Contact = null!; ReferredBy = ""; }

    public Diner(Guid councilId, string firstName, string lastName, GeoPoint location, Allergens avoids, Diets requires,
        ContactChannel channel, ContactDetails contact, Consent consent, NominatedContact? nominatedContact, string referredBy)
    {
        if (!consent.Given)
        {
            throw new RuleRefusedException("the diner's consent to be referred must be given and recorded");
        }

        CouncilId = councilId;
        FirstName = Text.Required(firstName, nameof(firstName), MaxNameLength);
        LastName = Text.Required(lastName, nameof(lastName), MaxNameLength);
        Location = location;
        Avoids = avoids;
        Requires = requires;
        ContactChannel = channel;
        Contact = contact;
        Consent = consent;
        NominatedContact = nominatedContact;
        ReferredBy = referredBy;
        ReferredAt = consent.RecordedAt;
        Status = DinerStatus.Referred;
    }

    public Guid CouncilId { get; private set; }
    public string FirstName { get; private set; }
    public string LastName { get; private set; }
    public GeoPoint Location { get; private set; }
    public Allergens Avoids { get; private set; }
    public Diets Requires { get; private set; }
    public ContactChannel ContactChannel { get; private set; }
    public ContactDetails Contact { get; private set; }
    public Consent Consent { get; private set; }
    public NominatedContact? NominatedContact { get; private set; }
    public string ReferredBy { get; private set; }

    /// <summary>When the diner started waiting; matching favours those who have waited longest.</summary>
    public DateTimeOffset ReferredAt { get; private set; }

    public DinerStatus Status { get; private set; }

    public bool IsActive => Status == DinerStatus.Approved;

    public const string ErasedName = "Erased";

    public bool IsErased => FirstName == ErasedName && LastName == ErasedName;

    /// <summary>
    /// UK GDPR erasure: removes the name, contact details and nominated contact, and coarsens the
    /// location to about a kilometre. What stays (council, needs, dates, status) is not about an
    /// identifiable person and keeps the scheme's statistics whole. The diner leaves the scheme.
    /// </summary>
    public void Erase()
    {
        FirstName = ErasedName;
        LastName = ErasedName;
        Contact = new ContactDetails(null, null, null);
        NominatedContact = null;
        Location = Location.Coarsened();
        Status = DinerStatus.Closed;
    }

    /// <summary>The diner's allergies or diets changed; the caller reviews meals already booked against the new needs.</summary>
    public void ChangeNeeds(Allergens avoids, Diets requires)
    {
        if (Status == DinerStatus.Closed)
        {
            throw new InvalidTransitionException("diner", Names.Of(Status), "given new needs");
        }

        Avoids = avoids;
        Requires = requires;
    }

    public void Approve() => Move(DinerStatus.Approved, "approved", DinerStatus.Referred, DinerStatus.Paused);

    public void Pause() => Move(DinerStatus.Paused, "paused", DinerStatus.Approved);

    public void Close() => Move(DinerStatus.Closed, "closed", DinerStatus.Referred, DinerStatus.Approved, DinerStatus.Paused);

    private void Move(DinerStatus to, string action, params DinerStatus[] from)
    {
        if (!from.Contains(Status))
        {
            throw new InvalidTransitionException("diner", Names.Of(Status), action);
        }

        Status = to;
    }
}
