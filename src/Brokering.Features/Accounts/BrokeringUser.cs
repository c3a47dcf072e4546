using Microsoft.AspNetCore.Identity;

namespace Brokering.Features.Accounts;

/// <summary>A person who signs in: a cook, referrer, coordinator or admin. Diners need no account.</summary>
public sealed class BrokeringUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The council whose people this user may see and act on.</summary>
    public Guid CouncilId { get; set; }
}

public static class Roles
{
    public const string Cook = "cook";
    public const string Referrer = "referrer";
    public const string Coordinator = "coordinator";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Cook, Referrer, Coordinator, Admin];
}
