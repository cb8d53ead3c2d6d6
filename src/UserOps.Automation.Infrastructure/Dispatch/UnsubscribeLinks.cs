using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Dispatch;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>
/// Makes and reads signed unsubscribe links. The key comes from <c>Dispatch:UnsubscribeSecret</c>, else from the
/// Settings table (generated once and shared by every host, so a link made by one host works on all).
/// </summary>
public sealed class UnsubscribeLinks(IDbContextFactory<AutomationDb> dbFactory, IOptions<DispatchOptions> options, TimeProvider time) : IDisposable
{
    public const string SettingKey = "dispatch.unsubscribe-secret";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _secret;

    public async Task<string> UrlAsync(long contactId, Channel channel, CancellationToken cancellationToken)
    {
        var token = UnsubscribeToken.Create(contactId, channel, await SecretAsync(cancellationToken));
        return $"{options.Value.PublicBaseUrl.TrimEnd('/')}/u/{token}";
    }

    public async Task<(long ContactId, Channel Channel)?> ReadAsync(string token, CancellationToken cancellationToken) =>
        UnsubscribeToken.TryRead(token, await SecretAsync(cancellationToken), out var contactId, out var channel) ? (contactId, channel) : null;

    public void Dispose() => _gate.Dispose();

    private async Task<byte[]> SecretAsync(CancellationToken cancellationToken)
    {
        if (_secret is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            _secret ??= Encoding.UTF8.GetBytes(options.Value.UnsubscribeSecret is { Length: > 0 } configured ? configured : await StoredSecretAsync(cancellationToken));
            return _secret;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> StoredSecretAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == SettingKey, cancellationToken) is { } stored)
        {
            return stored.Value;
        }

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        db.Settings.Add(new StoredSetting { Key = SettingKey, Value = secret, UpdatedAt = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return secret;
        }
        catch (DbUpdateException)
        {
            // Another host stored one first: use that one.
            await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
            return (await again.Settings.AsNoTracking().SingleAsync(s => s.Key == SettingKey, cancellationToken)).Value;
        }
    }
}
