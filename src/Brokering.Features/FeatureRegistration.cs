using Brokering.Features.Audit;
using Brokering.Features.Matching;
using Brokering.Features.Monitoring;
using Brokering.Features.Notifications;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Brokering.Features.Postcodes;
using Brokering.Features.Providers;
using Brokering.Features.RegularMeals;

namespace Brokering.Features;

/// <summary>What every host of the features needs: the database and the services features share.</summary>
public static class FeatureRegistration
{
    public static IServiceCollection AddBrokeringFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<SchemeMetrics>();
        services.AddScoped<MatchingRounds>();
        services.AddScoped<Outbox>();
        services.AddScoped<MealWithdrawal>();
        services.AddScoped<RegularMealPlanner>();
        services.Configure<RegularMealOptions>(configuration.GetSection(RegularMealOptions.Section));
        services.AddScoped<AuditLog>();
        services.AddScoped<IGeocoder, PostcodeTableGeocoder>();
        services.Configure<StripeOptions>(configuration.GetSection("Brokering:Stripe"));
        services.AddHttpClient(StripeGateway.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<StripeGateway>();
        return services.AddBrokeringDatabase(configuration);
    }
}
