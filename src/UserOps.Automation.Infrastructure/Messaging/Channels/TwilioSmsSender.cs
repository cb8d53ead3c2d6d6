using System.Globalization;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>Sends SMS through Twilio's Messages API. Twilio queues the message; the status callback reports delivery.</summary>
internal sealed class TwilioSmsSender : ISmsSender
{
    public const string HttpClientName = "twilio";

    private readonly TwilioSettings _settings;
    private readonly TwilioRestClient _client;

    public TwilioSmsSender(IOptions<SmsOptions> options, IHttpClientFactory httpClients)
    {
        _settings = options.Value.Twilio;
        var http = httpClients.CreateClient(HttpClientName);
        _client = new TwilioRestClient(_settings.AccountSid, _settings.AuthToken, httpClient: new Twilio.Http.SystemNetHttpClient(http));
    }

    public async Task<SendResult> SendAsync(RenderedSms message, string recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var create = new CreateMessageOptions(new PhoneNumber(recipient)) { Body = message.Body };
        if (!string.IsNullOrWhiteSpace(_settings.MessagingServiceSid))
        {
            create.MessagingServiceSid = _settings.MessagingServiceSid;
        }
        else
        {
            create.From = new PhoneNumber(_settings.From);
        }

        if (!string.IsNullOrWhiteSpace(_settings.StatusCallbackUrl))
        {
            create.StatusCallback = new Uri(_settings.StatusCallbackUrl);
        }

        try
        {
            var sent = await MessageResource.CreateAsync(create, _client);
            return sent.Status == MessageResource.StatusEnum.Failed || sent.Status == MessageResource.StatusEnum.Undelivered
                ? SendResult.Failed(FailureKind.Permanent, sent.ErrorCode?.ToString(CultureInfo.InvariantCulture), sent.ErrorMessage ?? "Twilio reported the message failed.")
                : SendResult.Accepted(sent.Sid);
        }
        catch (ApiException ex)
        {
            return SendResult.Failed(Classify(ex.Status, ex.Code, ex.Message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is ApiConnectionException or HttpRequestException or OperationCanceledException or TimeoutException)
        {
            // No answer (timeout, refused, reset): Twilio may or may not have queued it; the outbox's idempotency covers a retry.
            return SendResult.Failed(FailureKind.Transient, "connection", ex.Message);
        }
    }

    internal static SendFailure Classify(int httpStatus, int code, string message)
    {
        var providerCode = code != 0 ? code.ToString(CultureInfo.InvariantCulture) : httpStatus.ToString(CultureInfo.InvariantCulture);
        return code switch
        {
            // 21610: the recipient replied STOP; the caller drops the contact's SMS consent.
            21610 => new SendFailure(FailureKind.Permanent, providerCode, message) { RecipientUnsubscribed = true },
            21211 or 21614 => new SendFailure(FailureKind.Permanent, providerCode, message), // invalid / not a mobile number
            _ when httpStatus == 429 || httpStatus >= 500 || code == 20429 => new SendFailure(FailureKind.Transient, providerCode, message),
            _ => new SendFailure(FailureKind.Permanent, providerCode, message),
        };
    }
}
