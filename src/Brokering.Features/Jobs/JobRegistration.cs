using Brokering.Features.Concerns;
using Brokering.Features.Cooks;
using Brokering.Features.Notifications;
using Brokering.Features.Offers;

namespace Brokering.Features.Jobs;

/// <summary>
/// The background jobs, each with its options: run by the worker process, and by the API itself on
/// the embedded default (<c>Brokering:Worker:InProcess</c>). Every job is safe to run in several
/// processes at once.
/// </summary>
public static class JobRegistration
{
    public static IServiceCollection AddBrokeringJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SweepOptions>(configuration.GetSection("Brokering:Jobs:OfferSweep"));
        services.AddHostedService<ExpiredOfferSweep>();
        services.Configure<ConcernEscalationOptions>(configuration.GetSection("Brokering:Jobs:ConcernEscalation"));
        services.AddSingleton<ConcernEscalation>();
        services.AddHostedService(sp => sp.GetRequiredService<ConcernEscalation>());
        services.Configure<CheckExpiryOptions>(configuration.GetSection("Brokering:Jobs:CheckExpiry"));
        services.AddSingleton<CheckExpirySweep>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckExpirySweep>());
        services.AddSingleton<Payments.ContributionPayments>();
        services.AddHostedService(sp => sp.GetRequiredService<Payments.ContributionPayments>());
        services.AddNotificationDispatch(configuration);
        return services;
    }
}
