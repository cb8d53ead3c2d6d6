using System.Diagnostics;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// The floor for email: MailKit alone sending MimeMessages built before the clock starts, over the same number of
/// connections to the same loopback server as the product, each connection taking the next message as soon as its
/// last one is accepted. Nothing else runs: no database, no rendering, no guards.
/// </summary>
internal static class SmtpFloor
{
    /// <summary>The message the product's MailKit sender builds for a rendered email (same headers, multipart text + HTML).</summary>
    public static MimeMessage Build(RenderedEmail email, string from, string recipient, string unsubscribeUrl)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(email.FromName ?? string.Empty, from));
        mime.To.Add(MailboxAddress.Parse(recipient));
        mime.Subject = email.Subject;
        mime.MessageId = email.MessageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId("shop.example");
        mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        mime.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl}>");
        mime.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        return mime;
    }

    public static async Task<TimeSpan> SendAsync(IReadOnlyList<MimeMessage> messages, int port, int connections)
    {
        var clients = new List<SmtpClient>();
        var next = -1;
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
                for (var i = Interlocked.Increment(ref next); i < messages.Count; i = Interlocked.Increment(ref next))
                {
                    await client.SendAsync(messages[i]);
                }
            }));
            var elapsed = clock.Elapsed;
            cpu = Environment.CpuUsage.TotalTime - cpu;
            Console.WriteLine($"    floor: {messages.Count:N0} sent in {elapsed.TotalSeconds:N1} s, {cpu.TotalSeconds:N1} CPU s ({cpu.TotalMilliseconds * 1000 / messages.Count:N0} µs a message)");
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
