using System.Globalization;
using System.Text;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Facts;

/// <summary>
/// One statement per chunk of contacts (ids in <c>(@lo, @hi]</c>): optionally recounts their window counters in one
/// aggregate pass over the chunk's events (GROUP BY contact, a range of the <c>(ContactId, Name, Timestamp)</c> index,
/// whatever the statistics say), scores and stages them by CASE expressions with the given RFM breakpoints, and writes
/// only the rows whose facts changed (no dead tuple, WAL record or index entry for an unchanged contact).
/// </summary>
/// <remarks>
/// Event names are compared lower-cased because <see cref="FactsPolicy"/> matches them ignoring case, while SQLite's
/// and PostgreSQL's <c>IN</c> do not. "Whole days since <c>at</c> ≤ d" is "<c>at</c> &gt; now − (d + 1) days" and "whole
/// days since <c>at</c> ≥ d" is "<c>at</c> ≤ now − d days", so the database compares stored instants with constants,
/// as the rules do (the SQL twin of <see cref="RfmThresholds"/> and <see cref="LifecyclePolicy.StageOf"/>).
/// Plain SQL common to the three databases (CASE inside SUM, no FILTER); only the UPDATE … FROM shape differs.
/// </remarks>
internal static class FactsChunkStatement
{
    /// <summary>The statement for <paramref name="policy"/> (its RFM breakpoints included) at <paramref name="now"/>.</summary>
    public static (string Sql, Action<System.Data.Common.DbCommand> Bind) Build(
        AutomationDb db, FactsPolicy policy, DateTime now, bool recount, bool excludePending)
    {
        var c = new SqlNames<Contact>(db);
        var e = new SqlNames<ContactEvent>(db);
        var q = new SqlNames<PendingEvent>(db);
        string C(string property) => c[property];
        var binds = new List<Action<System.Data.Common.DbCommand>>();

        string In(IEnumerable<string> names, string prefix)
        {
            var lowered = names.Select(n => n.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
            if (lowered.Count == 0)
            {
                return "1 = 0";
            }

            var list = new StringBuilder();
            for (var i = 0; i < lowered.Count; i++)
            {
                var (name, value) = ($"{prefix}{i}", lowered[i]);
                binds.Add(command => RawCommand.Add(command, name, value));
                list.Append(i == 0 ? "@" + name : ", @" + name);
            }

            return $"lower(e.{e[nameof(ContactEvent.Name)]}) IN ({list})";
        }

        var source = $"c2.{C(nameof(Contact.Id))} AS id, c2.{C(nameof(Contact.LastPurchaseAt))} AS lp, c2.{C(nameof(Contact.LastActiveAt))} AS la, " +
            $"c2.{C(nameof(Contact.PurchaseCount))} AS pc, c2.{C(nameof(Contact.VisitCount))} AS vc";
        var range = $"c2.{C(nameof(Contact.Id))} > @lo AND c2.{C(nameof(Contact.Id))} <= @hi";
        string counted;
        if (recount)
        {
            var (visit, purchase) = (In(policy.VisitEvents, "v"), In(policy.PurchaseEvents, "p"));
            var contactId = $"e.{e[nameof(ContactEvent.ContactId)]}";
            var pending = excludePending
                ? $" AND NOT EXISTS (SELECT 1 FROM {q.Table} q WHERE q.{q[nameof(PendingEvent.EventId)]} = e.{e[nameof(ContactEvent.Id)]})"
                : string.Empty;
            var aggregate =
                $"SELECT {contactId} AS cid, SUM(CASE WHEN {visit} THEN 1 ELSE 0 END) AS v, SUM(CASE WHEN {purchase} THEN 1 ELSE 0 END) AS p, " +
                $"SUM(CASE WHEN {purchase} THEN COALESCE(e.{e[nameof(ContactEvent.AmountMinor)]}, 0) ELSE 0 END) AS s " +
                $"FROM {e.Table} e WHERE {contactId} > @lo AND {contactId} <= @hi AND e.{e[nameof(ContactEvent.Timestamp)]} > @since " +
                $"AND ({visit} OR {purchase}){pending} GROUP BY {contactId}";
            counted = $"SELECT {source}, COALESCE(a.v, 0) AS v, COALESCE(a.p, 0) AS p, COALESCE(a.s, 0) AS s " +
                $"FROM {c.Table} c2 LEFT JOIN ({aggregate}) a ON a.cid = c2.{C(nameof(Contact.Id))} WHERE {range}";
            var since = now - policy.Window;
            binds.Add(command => RawCommand.Bind(command, RawCommand.Property<ContactEvent>(db, nameof(ContactEvent.Timestamp)), "since", since));
        }
        else
        {
            counted = $"SELECT {source}, c2.{C(nameof(Contact.VisitsInWindow))} AS v, c2.{C(nameof(Contact.PurchasesInWindow))} AS p, " +
                $"c2.{C(nameof(Contact.SpendInWindowMinor))} AS s FROM {c.Table} c2 WHERE {range}";
        }

        var scored = $"SELECT k.id, k.v, k.p, k.s, {Scores(db, policy, now, binds)} FROM ({counted}) k";
        string[] columns =
        [
            nameof(Contact.VisitsInWindow), nameof(Contact.PurchasesInWindow), nameof(Contact.SpendInWindowMinor),
            nameof(Contact.RecencyScore), nameof(Contact.FrequencyScore), nameof(Contact.MonetaryScore), nameof(Contact.Lifecycle),
        ];
        string[] values = ["v", "p", "s", "r", "f", "m", "l"];
        var set = string.Join(", ", columns.Select((p, i) => $"{C(p)} = f.{values[i]}"));
        var changed = string.Join(" OR ", columns.Select((p, i) => $"c.{C(p)} <> f.{values[i]}"));
        var id = C(nameof(Contact.Id));
        var sql = db.Provider == DatabaseProvider.SqlServer
            ? $"UPDATE c SET {set} FROM {c.Table} AS c INNER JOIN ({scored}) AS f ON c.{id} = f.id WHERE c.{id} > @lo AND c.{id} <= @hi AND ({changed})"
            : $"UPDATE {c.Table} AS c SET {set} FROM ({scored}) AS f WHERE c.{id} = f.id AND c.{id} > @lo AND c.{id} <= @hi AND ({changed})";
        return (sql, command =>
        {
            foreach (var bind in binds)
            {
                bind(command);
            }
        });
    }

    /// <summary>Recency, frequency and monetary scores (r, f, m) and the lifecycle stage (l) of the counted row k.</summary>
    private static string Scores(AutomationDb db, FactsPolicy policy, DateTime now, List<Action<System.Data.Common.DbCommand>> binds)
    {
        var rfm = policy.Rfm;
        var lastPurchase = RawCommand.Property<Contact>(db, nameof(Contact.LastPurchaseAt));
        var lastActive = RawCommand.Property<Contact>(db, nameof(Contact.LastActiveAt));
        for (var i = 0; i < 4; i++)
        {
            var (name, at) = ($"r{5 - i}", now - TimeSpan.FromDays(rfm.RecencyDays[i] + 1));
            binds.Add(command => RawCommand.Bind(command, lastPurchase, name, at));
            var (f, m) = (rfm.Frequency[i], rfm.Monetary[i]);
            var n = i + 1;
            binds.Add(command => RawCommand.Add(command, $"f{n}", f));
            binds.Add(command => RawCommand.Add(command, $"m{n}", m));
        }

        var churnedBefore = now - TimeSpan.FromDays(policy.Lifecycle.ChurnAfterDays);
        var (loyal, habit) = (policy.Lifecycle.LoyalPurchases, policy.Lifecycle.HabitVisits);
        binds.Add(command => RawCommand.Bind(command, lastActive, "churned", churnedBefore));
        binds.Add(command => RawCommand.Add(command, "loyal", loyal));
        binds.Add(command => RawCommand.Add(command, "habit", habit));

        static string Stage(LifecycleStage stage) => "'" + stage.ToString() + "'";
        return string.Create(CultureInfo.InvariantCulture,
            $"CASE WHEN k.lp IS NULL THEN 0 WHEN k.lp > @r5 THEN 5 WHEN k.lp > @r4 THEN 4 WHEN k.lp > @r3 THEN 3 WHEN k.lp > @r2 THEN 2 ELSE 1 END AS r, " +
            $"CASE WHEN k.pc <= 0 THEN 0 WHEN k.p <= @f1 THEN 1 WHEN k.p <= @f2 THEN 2 WHEN k.p <= @f3 THEN 3 WHEN k.p <= @f4 THEN 4 ELSE 5 END AS f, " +
            $"CASE WHEN k.pc <= 0 THEN 0 WHEN k.s <= @m1 THEN 1 WHEN k.s <= @m2 THEN 2 WHEN k.s <= @m3 THEN 3 WHEN k.s <= @m4 THEN 4 ELSE 5 END AS m, " +
            $"CASE WHEN k.la <= @churned THEN {Stage(LifecycleStage.Churned)} WHEN k.p >= @loyal THEN {Stage(LifecycleStage.Loyal)} " +
            $"WHEN k.pc > 0 THEN {Stage(LifecycleStage.Paying)} WHEN k.v >= @habit THEN {Stage(LifecycleStage.Habit)} " +
            $"WHEN k.vc > 0 THEN {Stage(LifecycleStage.Use)} ELSE {Stage(LifecycleStage.Contact)} END AS l");
    }
}
