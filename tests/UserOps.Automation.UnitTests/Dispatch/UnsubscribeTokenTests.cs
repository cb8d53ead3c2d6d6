using System.Text;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Dispatch;

namespace UserOps.Automation.UnitTests.Dispatch;

public sealed class UnsubscribeTokenTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("secret-one");

    [Fact]
    public void Token_RoundTripsContactAndChannel()
    {
        var token = UnsubscribeToken.Create(42, Channel.Sms, Secret);

        Assert.True(UnsubscribeToken.TryRead(token, Secret, out var contactId, out var channel));
        Assert.Equal((42L, Channel.Sms), (contactId, channel));
        Assert.DoesNotContain('/', token);
        Assert.DoesNotContain('+', token);
    }

    [Fact]
    public void Token_ForAnotherContactOrChannelOrSecret_IsRefused()
    {
        var token = UnsubscribeToken.Create(42, Channel.Email, Secret);
        var signature = token.Split('.')[2];

        Assert.False(UnsubscribeToken.TryRead($"43.0.{signature}", Secret, out _, out _));
        Assert.False(UnsubscribeToken.TryRead($"42.1.{signature}", Secret, out _, out _));
        Assert.False(UnsubscribeToken.TryRead(token, Encoding.UTF8.GetBytes("secret-two"), out _, out _));
        Assert.False(UnsubscribeToken.TryRead("42.0", Secret, out _, out _));
        Assert.False(UnsubscribeToken.TryRead("42.9." + signature, Secret, out _, out _));
        Assert.False(UnsubscribeToken.TryRead(null, Secret, out _, out _));
    }
}
