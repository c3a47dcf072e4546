using Brokering.Features.Providers;

namespace Brokering.Features.Notifications;

public static class NotificationRegistration
{
    /// <summary>The dispatcher and every provider; which provider serves a channel is read from configuration.</summary>
    public static IServiceCollection AddNotificationDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.AddHttpClient(GovukNotifySender.HttpClientName);
        services.AddHttpClient(SendGridSender.HttpClientName);
        services.AddSingleton<SendGridSender>();
        services.AddSingleton<GovukNotifySender>();
        services.AddSingleton<SmtpSender>();
        services.AddSingleton<FileSender>();
        services.AddSingleton<MessageSenders>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        services.AddSingleton<MessageRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageRetention>());
        return services;
    }
}
