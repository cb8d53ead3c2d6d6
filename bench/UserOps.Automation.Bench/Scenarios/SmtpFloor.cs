using System.Diagnostics;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// The floor for email: MailKit alone sending already rendered emails over the same number of connections to the same
/// loopback server as the product, each connection taking the next message as soon as its last one is accepted.
/// Nothing else runs: no database, no rendering, no guards. The message to send comes from <c>next</c>: either built
/// there from the rendered parts (MimeKit's share of sending, which the product pays too) or taken from a list built
/// before the clock starts (MailKit's wire work alone).
/// </summary>
internal static class SmtpFloor
{
    /// <summary>
    /// The message the product's MailKit sender builds for a rendered email: same headers (a Message-ID of the same
    /// form, List-Unsubscribe and List-Unsubscribe-Post), multipart text + HTML, so the same bytes go on the wire.
    /// </summary>
    public static MimeMessage Build(RenderedEmail email, string from, string recipient, string unsubscribeUrl, string messageId)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(email.FromName ?? string.Empty, from));
        mime.To.Add(MailboxAddress.Parse(recipient));
        mime.Subject = email.Subject;
        mime.MessageId = messageId;
        mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        mime.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl}>");
        mime.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        return mime;
    }

    /// <summary>A Message-ID of the product's form: the first 32 hex digits of the key's SHA-256 at the public host.</summary>
    public static string MessageId(string key) =>
        $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..32]}@ops.example.com";

    public static async Task<TimeSpan> SendAsync(string label, int count, Func<int, MimeMessage> next, int port, int connections)
    {
        var clients = new List<SmtpClient>();
        var index = -1;
        try
        {
            var cpu = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
            {
                var client = new SmtpClient { Timeout = 30_000 };
                lock (clients)
                {
                    clients.Add(client);
                }

                await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
                for (var i = Interlocked.Increment(ref index); i < count; i = Interlocked.Increment(ref index))
                {
                    await client.SendAsync(next(i));
                }
            }));
            var elapsed = clock.Elapsed;
            cpu = Environment.CpuUsage.TotalTime - cpu;
            Console.WriteLine($"    {label}: {count:N0} sent in {elapsed.TotalSeconds:N1} s, {cpu.TotalSeconds:N1} CPU s ({cpu.TotalMilliseconds * 1000 / count:N0} µs a message)");
            return elapsed;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisconnectAsync(true);
                client.Dispose();
            }
        }
    }
}
