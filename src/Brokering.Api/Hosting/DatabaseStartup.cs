using Brokering.Features.Accounts;
using Brokering.Features.Councils;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Hosting;

public static partial class DatabaseStartup
{
    /// <summary>
    /// Migrates the database, makes sure the four roles and a default council exist, and creates
    /// the bootstrap admin from <c>Brokering:Bootstrap</c> when no admin exists yet.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<BrokeringDbContext>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Brokering.Startup");

        await db.MigrateAsync(cancellationToken);

        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Require(await roles.CreateAsync(new IdentityRole(role)), "create role");
            }
        }

        var council = await DefaultCouncil.FindOrCreateAsync(db, app.Configuration, cancellationToken);
        await PostcodeCommands.SeedDemoPostcodesAsync(db, app.Configuration, cancellationToken);

        var email = app.Configuration["Brokering:Bootstrap:Email"];
        var password = app.Configuration["Brokering:Bootstrap:Password"];
        var users = services.GetRequiredService<UserManager<BrokeringUser>>();
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password) || (await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        var admin = new BrokeringUser { UserName = email, Email = email, DisplayName = "Administrator", CouncilId = council.Id };
        Require(await users.CreateAsync(admin, password), "create the bootstrap admin");
        Require(await users.AddToRolesAsync(admin, [Roles.Admin, Roles.Coordinator]), "give the bootstrap admin their roles");
        LogBootstrapAdminCreated(logger, council.Id);
    }

    private static void Require(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the bootstrap admin as coordinator of council {CouncilId}")]
    private static partial void LogBootstrapAdminCreated(ILogger logger, Guid councilId);
}
