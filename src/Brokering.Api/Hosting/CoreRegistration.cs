using System.Text.Json;
using System.Text.Json.Serialization;
using Brokering.Api.Pages;
using Brokering.Features;
using Brokering.Features.Access;
using Brokering.Features.Accounts;
using Brokering.Features.Bookings;
using Brokering.Features.Jobs;
using Brokering.Features.Monitoring;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Brokering.Api.Hosting;

public static class CoreRegistration
{
    /// <summary>The largest request body the API reads; far above any real request, far below harm.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    private const string BearerOrCookie = "BearerOrCookie";

    public static WebApplicationBuilder AddBrokeringCore(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        services.AddSingleton(TimeProvider.System);
        services.AddBrokeringFeatures(builder.Configuration);
        services.AddScoped<BookingService>();
        services.Configure<OfferOptions>(builder.Configuration.GetSection("Brokering:Offers"));
        services.AddSingleton<OpenOffers>();
        services.AddHostedService<OpenOffersSubscription>();
        if (builder.Configuration.GetValue("Brokering:Worker:InProcess", true))
        {
            services.AddBrokeringJobs(builder.Configuration);
        }
        // Every replica reads the same key ring, so a cookie or token from one is good at the next.
        services.AddDataProtection().PersistKeysToDbContext<BrokeringDbContext>().SetApplicationName("Brokering");
        services.AddHealthChecks().AddDbContextCheck<BrokeringDbContext>(tags: ["ready"]);
        services.AddBrokeringTelemetry(builder.Configuration, "brokering-api")
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health")))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());

        services.AddProblemDetails();
        services.AddExceptionHandler<DomainProblemHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        services.AddApiReference();

        services.AddIdentityCore<BrokeringUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Lockout.MaxFailedAccessAttempts = 5;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BrokeringDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<CouncilClaimsFactory>()
            .AddDefaultTokenProviders();

        // Bearer tokens for other systems and scripts, the Identity cookie for pages; one policy
        // scheme picks by whether the request carries an Authorization header.
        services.AddAuthentication(BearerOrCookie)
            .AddPolicyScheme(BearerOrCookie, "Bearer or cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            // Pages sign people out after a quiet spell, as council systems do; the API answers
            // with a status rather than a redirect.
            o.ExpireTimeSpan = builder.Configuration.GetValue("Brokering:Pages:SessionTimeout", TimeSpan.FromMinutes(30));
            o.SlidingExpiration = true;
            o.LoginPath = "/account/sign-in";
            o.AccessDeniedPath = "/account/not-allowed";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Events.OnRedirectToLogin = context => IsApi(context.Request)
                ? Status(context, StatusCodes.Status401Unauthorized)
                : Redirect(context);
            o.Events.OnRedirectToAccessDenied = context => IsApi(context.Request)
                ? Status(context, StatusCodes.Status403Forbidden)
                : Redirect(context);
        });
        services.AddBrokeringPages(builder.Configuration);
        services.AddBrokeringProtection(builder.Configuration);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Coordinator, p => p.RequireRole(Roles.Coordinator, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Referrer, p => p.RequireRole(Roles.Referrer, Roles.Coordinator, Roles.Admin))
            .AddPolicy(Policies.Cook, p => p.RequireRole(Roles.Cook));
        return builder;
    }

    public static void Configure(JsonSerializerOptions json)
    {
        json.RespectNullableAnnotations = true;
        json.RespectRequiredConstructorParameters = true;
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        json.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    }

    public static WebApplication UseBrokeringPipeline(this WebApplication app)
    {
        app.UseSecurityHeaders();
        // People using the pages get a page; other systems get a problem document.
        app.UseWhen(context => IsPage(context.Request), pages =>
        {
            pages.UseExceptionHandler("/error/500");
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        app.UseWhen(context => !IsPage(context.Request), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseStaticFiles();
        // Routing after the error pages, so a re-executed request is routed to the error page.
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapApiReference();
        app.MapRazorPages();
        return app;
    }

    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static bool IsPage(HttpRequest request) =>
        !IsApi(request) && !request.Path.StartsWithSegments("/health") && !request.Path.StartsWithSegments("/openapi");

    private static Task Redirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task Status(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
