using System.Collections.Concurrent;

namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>At most <see cref="SmtpSettings.PoolSize"/> open SMTP connections, handed out one sender at a time.</summary>
internal sealed class SmtpConnectionPool(SmtpSettings settings) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(settings.PoolSize, settings.PoolSize);
    private readonly ConcurrentBag<PooledSmtpClient> _idle = [];

    /// <summary>An idle connection, or a new one; with <paramref name="fresh"/> always a new one.</summary>
    public async Task<PooledSmtpClient> RentAsync(CancellationToken cancellationToken, bool fresh = false)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            while (!fresh && _idle.TryTake(out var idle))
            {
                if (idle.IsConnected)
                {
                    idle.Reused = true;
                    return idle;
                }

                idle.Dispose();
            }

            var client = new PooledSmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
            try
            {
                await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
                if (!string.IsNullOrEmpty(settings.UserName))
                {
                    await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
                }

                return client;
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>Gives a connection back; a broken one is closed so the next rent opens a fresh one.</summary>
    public void Return(PooledSmtpClient client, bool reusable)
    {
        if (reusable && client.IsConnected)
        {
            _idle.Add(client);
        }
        else
        {
            client.Dispose();
        }

        _slots.Release();
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var client))
        {
            client.Dispose();
        }

        _slots.Dispose();
    }
}
