
namespace Brokering.Features.Access;

/// <summary>The names of the authorization policies endpoints and pages require, and of the sign-in rate limit.</summary>
public static class Policies
{
    public const string Coordinator = "coordinator";
    public const string Admin = "admin";
    public const string Referrer = "referrer-or-coordinator";
    public const string Cook = "cook";

    /// <summary>The per-address limit on signing in and registering.</summary>
    public const string SignInRateLimit = "sign-in";
}
