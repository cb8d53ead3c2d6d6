using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Testing;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// Queues one outbox row per contact 1…N, as a blast's send step writes them: template key, the journey's coupon in
/// the row's variables, frequency-capped marketing. Not measured (the blast scenario measures writing them).
/// </summary>
internal static class OutboxLoad
{
    private const int Chunk = 5_000;

    public static async Task QueueAsync(TestDatabase database, string run, Channel channel, string templateKey, int count, DateTime now)
    {
        for (var first = 1; first <= count; first += Chunk)
        {
            await using var db = database.CreateDbContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var last = Math.Min(count, first + Chunk - 1);
            for (var id = first; id <= last; id++)
            {
                db.OutboxMessages.Add(new OutboxMessage($"bench:{run}:{id}", id, channel, templateKey, now)
                {
                    DefinitionId = "bench-" + run,
                    ActivityId = "send",
                    Data = Variables(id, now),
                });
            }

            await db.SaveChangesAsync();
        }
    }

    public static async Task<Dictionary<OutboxStatus, int>> StatusesAsync(TestDatabase database, string run)
    {
        await using var db = database.CreateDbContext();
        var definition = "bench-" + run;
        return await db.OutboxMessages.Where(m => m.DefinitionId == definition).GroupBy(m => m.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    /// <summary>What the IssueCoupon step leaves in the journey's variables, copied into the row by the send step.</summary>
    public static JsonObject Variables(long id, DateTime now) => new()
    {
        ["variables"] = new JsonObject
        {
            ["coupon"] = new JsonObject
            {
                ["code"] = "B" + id.ToString("D7", CultureInfo.InvariantCulture),
                ["value"] = "10%",
                ["expiresAt"] = now.AddDays(7).ToString("O", CultureInfo.InvariantCulture),
            },
        },
    };
}
