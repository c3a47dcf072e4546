using System.Text.Json;
using Brokering.Features.Notifications;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Brokering.Features.Providers;

/// <summary>
/// Email through SendGrid's v3 Mail Send API with the SendGrid client. The outbox id travels as
/// the custom argument <c>notification_id</c>, so a message sent twice after a crash carries the
/// same reference in SendGrid's activity feed and webhooks.
/// </summary>
public sealed class SendGridSender(IHttpClientFactory httpClients, IOptions<NotificationOptions> options, TimeProvider time) : IMessageSender
{
    public const string HttpClientName = "sendgrid";

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value.SendGrid;
        var client = new SendGridClient(httpClients.CreateClient(HttpClientName), new SendGridClientOptions { ApiKey = settings.ApiKey, Host = settings.BaseUrl.TrimEnd('/') });
        // Subject and custom arguments on the message itself (not per personalization), where SendGrid applies them to every recipient.
        var mail = new SendGridMessage
        {
            From = new EmailAddress(settings.FromEmail, settings.FromName),
            Subject = message.Text.Subject,
            PlainTextContent = message.Text.Body,
            CustomArgs = new() { ["notification_id"] = message.Id.ToString() },
        };
        mail.AddTo(new EmailAddress(message.Destination));

        try
        {
            var response = await client.SendEmailAsync(mail, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return SendResult.Sent(response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null);
            }

            var detail = ErrorsOf(await response.Body.ReadAsStringAsync(cancellationToken));
            return SendResult.Failed("SendGrid", response.StatusCode, detail, SendResult.RetryAfterOf(response.Headers, time.GetUtcNow()));
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            return SendResult.Transient($"SendGrid unreachable: {e.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendResult.Transient("SendGrid timed out");
        }
    }

    /// <summary>SendGrid's error fields and messages (<c>{"errors":[{"message","field"}]}</c>), which name the problem, not the recipient.</summary>
    private static string? ErrorsOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var described = errors.EnumerateArray().Select(e => (Field: Text(e, "field"), Message: Text(e, "message")))
                .Select(e => e.Field is null ? e.Message : $"{e.Field}: {e.Message}").ToList();
            return described.Count > 0 ? string.Join("; ", described) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
