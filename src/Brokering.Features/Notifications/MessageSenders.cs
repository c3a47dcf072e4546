using Brokering.Domain.Notifications;
using Brokering.Features.Providers;
using Microsoft.Extensions.Options;

namespace Brokering.Features.Notifications;

/// <summary>One message ready to go: its outbox id (the provider's reference), where, and what.</summary>
public sealed record OutgoingMessage(
    Guid Id, NotificationKind Kind, NotificationChannel Channel, string Destination, RenderedMessage Text, IReadOnlyDictionary<string, string> Fields);

/// <summary>Sends through one provider. Reports failures as results; throws only when cancelled.</summary>
public interface IMessageSender
{
    Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>Picks each channel's provider from configuration.</summary>
public sealed class MessageSenders(IServiceProvider services, IOptions<NotificationOptions> options)
{
    public IMessageSender For(NotificationChannel channel)
    {
        var provider = channel switch
        {
            NotificationChannel.Email => options.Value.Email,
            NotificationChannel.Sms => options.Value.Sms,
            NotificationChannel.Letter => options.Value.Letter,
            _ => throw new InvalidOperationException("Phone calls are made by coordinators from the call list, not sent."),
        };
        return provider switch
        {
            MessageProvider.Notify => services.GetRequiredService<GovukNotifySender>(),
            MessageProvider.SendGrid when channel == NotificationChannel.Email => services.GetRequiredService<SendGridSender>(),
            MessageProvider.Smtp when channel == NotificationChannel.Email => services.GetRequiredService<SmtpSender>(),
            MessageProvider.File => services.GetRequiredService<FileSender>(),
            _ => throw new InvalidOperationException($"{provider} cannot send {channel} messages; check {NotificationOptions.Section}:{channel}."),
        };
    }

    /// <summary>The end of a dispatcher batch: a provider that keeps connections open for a batch closes them.</summary>
    public Task EndBatchAsync() =>
        options.Value.Email == MessageProvider.Smtp ? services.GetRequiredService<SmtpSender>().EndBatchAsync() : Task.CompletedTask;
}
