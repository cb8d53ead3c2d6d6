using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Core.Dispatch;

/// <summary>
/// The token of a one-click unsubscribe link: contact and channel in clear, HMAC-SHA256 signed with the
/// host's secret, so a link cannot be forged or turned to another contact. It does not expire: an old
/// email's unsubscribe link must still work (CAN-SPAM asks for 30 days at least).
/// </summary>
public static class UnsubscribeToken
{
    public static string Create(long contactId, Channel channel, byte[] secret)
    {
        var payload = string.Create(CultureInfo.InvariantCulture, $"{contactId}.{(int)channel}");
        return $"{payload}.{Sign(payload, secret)}";
    }

    public static bool TryRead(string? token, byte[] secret, out long contactId, out Channel channel)
    {
        contactId = 0;
        channel = default;
        var parts = token?.Split('.');
        if (parts is not { Length: 3 }
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out contactId)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var channelNumber)
            || !Enum.IsDefined((Channel)channelNumber))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign($"{parts[0]}.{parts[1]}", secret));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])))
        {
            contactId = 0;
            return false;
        }

        channel = (Channel)channelNumber;
        return true;
    }

    private static string Sign(string payload, byte[] secret)
    {
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(payload));
        return Convert.ToBase64String(mac, 0, 20).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
