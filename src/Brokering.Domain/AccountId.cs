namespace Brokering.Domain;

/// <summary>
/// The sign-in account a person acts through. The domain keeps only its id, ASP.NET Core
/// Identity's string key, to say who booked, recorded or decided something.
/// </summary>
public static class AccountId
{
    /// <summary>The longest account id a record stores (Identity's own limit for its keys).</summary>
    public const int MaxLength = 450;
}
