using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Brokering.Data.Notifications;

/// <summary>
/// A small typed client for SendGrid's v3 Mail Send API (<c>POST /v3/mail/send</c>, bearer API
/// key, 202 Accepted with an <c>X-Message-Id</c>), because the SendGrid SDK cannot be restored
/// here. The outbox id travels as the custom argument <c>notification_id</c>, so a message sent
/// twice after a crash carries the same reference in SendGrid's activity feed and webhooks.
/// </summary>
public sealed class SendGridClient(HttpClient http, IOptions<NotificationOptions> options, TimeProvider time) : IMessageSender
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value.SendGrid;
        var mail = new MailSend(
            [new Personalization([new Address(message.Destination, null)])],
            new Address(settings.FromEmail, settings.FromName),
            message.Text.Subject,
            [new Content("text/plain", message.Text.Body)],
            new Dictionary<string, string> { ["notification_id"] = message.Id.ToString() });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(settings.BaseUrl.TrimEnd('/') + "/"), "v3/mail/send"))
        {
            Content = JsonContent.Create(mail, options: Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return SendResult.Sent(response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null);
            }

            var detail = await ErrorsAsync(response, cancellationToken);
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
    private static async Task<string?> ErrorsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<ErrorBody>(Json, cancellationToken);
            return body?.Errors is { Count: > 0 } errors
                ? string.Join("; ", errors.Select(e => e.Field is null ? e.Message : $"{e.Field}: {e.Message}"))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record MailSend(
        IReadOnlyList<Personalization> Personalizations,
        Address From,
        string Subject,
        IReadOnlyList<Content> Content,
        IReadOnlyDictionary<string, string> CustomArgs);

    private sealed record Personalization(IReadOnlyList<Address> To);

    private sealed record Address(string Email, string? Name);

    private sealed record Content(string Type, string Value);

    private sealed record ErrorBody(List<ErrorItem>? Errors);

    private sealed record ErrorItem(string? Message, string? Field);
}
