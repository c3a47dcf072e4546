using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Brokering.Domain.Notifications;
using Brokering.Features.Notifications;
using Microsoft.Extensions.Options;
using Notify.Client;
using Notify.Exceptions;
using Notify.Interfaces;

namespace Brokering.Features.Providers;

/// <summary>
/// SMS, letters and (optionally) email through GOV.UK Notify with the <c>GovukNotify</c> client,
/// which signs each request with a fresh JWT from the API key. The outbox id is Notify's
/// <c>reference</c>. The council's Notify templates take <c>((subject))</c> and <c>((body))</c>,
/// plus every field of the message for councils that prefer their own wording.
/// </summary>
public sealed class GovukNotifySender(IHttpClientFactory httpClients, IOptions<NotificationOptions> options, TimeProvider time) : IMessageSender
{
    public const string HttpClientName = "govuk-notify";

    /// <summary>Notify needs between three and seven address lines, the last a UK postcode.</summary>
    private const int MaxAddressLines = 7;

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value.Notify;
        var transport = new Transport(httpClients.CreateClient(HttpClientName), new Uri(settings.BaseUrl.TrimEnd('/') + "/"), cancellationToken);
        var personalisation = message.Fields.ToDictionary(f => f.Key, f => (object)f.Value);
        personalisation["subject"] = message.Text.Subject;
        personalisation["body"] = message.Text.Body;
        var reference = message.Id.ToString();

        try
        {
            var client = new NotificationClient(transport, settings.ApiKey);
            switch (message.Channel)
            {
                case NotificationChannel.Sms:
                    return SendResult.Sent((await client.SendSmsAsync(message.Destination, settings.SmsTemplateId, personalisation, reference)).id);
                case NotificationChannel.Email:
                    return SendResult.Sent((await client.SendEmailAsync(message.Destination, settings.EmailTemplateId, personalisation, reference)).id);
                default:
                    var lines = AddressLines(message.Destination);
                    for (var i = 0; i < lines.Count; i++)
                    {
                        personalisation[$"address_line_{i + 1}"] = lines[i];
                    }

                    return SendResult.Sent((await client.SendLetterAsync(settings.LetterTemplateId, personalisation, reference)).id);
            }
        }
        catch (NotifyClientException) when (transport.Status is { } status)
        {
            return SendResult.Failed("Notify", status, transport.Errors, transport.RetryAfter(time.GetUtcNow()));
        }
        catch (NotifyAuthException)
        {
            return SendResult.Permanent("Notify: the API key is not valid");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or NotifyClientException && !cancellationToken.IsCancellationRequested)
        {
            return SendResult.Transient(e is TaskCanceledException ? "Notify timed out" : "Notify unreachable");
        }
    }

    /// <summary>An address as the diner's record holds it, one line per line or comma.</summary>
    public static IReadOnlyList<string> AddressLines(string address) =>
        [.. address.Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MaxAddressLines)];

    /// <summary>
    /// The Notify client's HTTP seam, pointed at the configured base address (a Notify-compatible
    /// fake in tests). It keeps the status, Retry-After and error codes of the last response, which
    /// the client's own exception only carries as text.
    /// </summary>
    private sealed class Transport(HttpClient http, Uri baseAddress, CancellationToken cancellationToken) : IHttpClient
    {
        private string? _userAgent;
        private HttpResponseHeaders? _headers;

        public HttpStatusCode? Status { get; private set; }
        public string? Errors { get; private set; }

        public Uri BaseAddress { get => baseAddress; set { } }

        public void SetClientBaseAddress() { }

        /// <summary>The HttpClient belongs to the factory, which recycles its handlers.</summary>
        public void Dispose() { }

        public void AddContentHeader(string header) { }

        public void AddUserAgent(string userAgent) => _userAgent = userAgent;

        public TimeSpan? RetryAfter(DateTimeOffset now) => _headers is null ? null : SendResult.RetryAfterOf(_headers, now);

        public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString;
            request.RequestUri = new Uri(baseAddress, path.TrimStart('/'));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (_userAgent is not null)
            {
                request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            }

            var response = await http.SendAsync(request, cancellationToken);
            Status = response.StatusCode;
            _headers = response.Headers;
            if (!response.IsSuccessStatusCode)
            {
                Errors = ErrorCodes(await response.Content.ReadAsStringAsync(cancellationToken));
            }

            return response;
        }

        /// <summary>Notify's <c>{"errors":[{"error","message"}]}</c>, as "error: message" pairs.</summary>
        private static string? ErrorCodes(string body)
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                return json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                    ? string.Join("; ", errors.EnumerateArray().Select(e =>
                        $"{e.GetProperty("error").GetString()}: {(e.TryGetProperty("message", out var m) ? m.GetString() : "")}"))
                    : null;
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return null;
            }
        }
    }
}
