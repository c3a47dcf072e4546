using Brokering.Domain;
using Brokering.Domain.Cooks;
using Brokering.Features.Access;
using Brokering.Features.Councils;
using Brokering.Features.Http;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Brokering.Features.Accounts;

public sealed record RegisterRequest(string Email, string Password, string DisplayName, Guid? CouncilId = null);

public sealed record AccountResponse(string Id, string Email, string DisplayName, Guid CouncilId, IReadOnlyList<string> Roles);

public sealed record LoginRequest(string Email, string Password);

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/accounts").WithTags("Accounts");
        group.MapPost("/register", Register).RequireRateLimiting(Policies.SignInRateLimit).WithName("Register").WithSummary("Create an account for a cook applicant.");
        group.MapPost("/login", Login).RequireRateLimiting(Policies.SignInRateLimit).WithName("Login").WithSummary("Sign in and receive a bearer token.")
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>();
        group.MapGet("/me", Me).RequireAuthorization().WithName("CurrentAccount").WithSummary("The signed-in account.");
    }

    public static async Task<Results<Created<AccountResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, UserManager<BrokeringUser> users, BrokeringDbContext db, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var displayName = Text.Required(request.DisplayName, "displayName", Cook.MaxDisplayNameLength);
        Text.Printable(request.Email, "email");
        Text.Printable(request.Password, "password");
        var council = request.CouncilId is { } councilId
            ? await db.Councils.FindAsync([councilId], cancellationToken)
            : await DefaultCouncil.FindOrCreateAsync(db, configuration, cancellationToken);
        if (council is null)
        {
            return Problems.NotFound("council");
        }

        var user = new BrokeringUser { UserName = request.Email, Email = request.Email, DisplayName = displayName, CouncilId = council.Id };
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            if (created.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail"))
            {
                return Problems.Conflict("That email is already registered.", "Sign in instead, or use another email address.");
            }

            return TypedResults.ValidationProblem(created.Errors
                .GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }

        await users.AddToRoleAsync(user, Roles.Cook);
        return TypedResults.Created($"/api/v1/accounts/me", ToResponse(user, [Roles.Cook]));
    }

    /// <summary>The bearer handler writes <c>{tokenType, accessToken, expiresIn, refreshToken}</c> on success.</summary>
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Login(LoginRequest request, SignInManager<BrokeringUser> signIn)
    {
        Text.Printable(request.Email, "email");
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.Email, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Account locked.",
                detail: "Too many failed attempts; try again in a few minutes.");
        }

        return result.Succeeded
            ? TypedResults.Empty
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.", detail: "The email or password is not right.");
    }

    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Me(
        [FromServices] UserManager<BrokeringUser> users, System.Security.Claims.ClaimsPrincipal principal)
    {
        var user = await users.FindByIdAsync(principal.Id());
        return user is null ? Problems.NotFound("account") : TypedResults.Ok(ToResponse(user, [.. await users.GetRolesAsync(user)]));
    }

    private static AccountResponse ToResponse(BrokeringUser user, IReadOnlyList<string> roles) =>
        new(user.Id, user.Email ?? "", user.DisplayName, user.CouncilId, roles);
}
