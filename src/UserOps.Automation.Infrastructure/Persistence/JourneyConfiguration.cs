using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UserOps.Automation.Core.Coupons;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Infrastructure.Journeys;

namespace UserOps.Automation.Infrastructure.Persistence;

/// <param name="isNotNull">The provider's SQL for "this column is not null", for filtered indexes.</param>
/// <param name="quoted">A column's name quoted for the provider's SQL, for filtered indexes.</param>
/// <param name="stepsKeyedByJourney">
/// Whether <c>JourneySteps</c>' primary key is (JourneyId, Id) — PostgreSQL and SQL Server, whose identity column need not
/// be the key — rather than Id with a (JourneyId, Id) index beside it (SQLite generates ids only for a one-column integer key).
/// </param>
internal sealed class JourneyConfiguration(Func<string, string> isNotNull, Func<string, string> quoted, bool stepsKeyedByJourney) :
    IEntityTypeConfiguration<WorkflowVersion>,
    IEntityTypeConfiguration<Journey>,
    IEntityTypeConfiguration<JourneyStep>,
    IEntityTypeConfiguration<OutboxMessage>,
    IEntityTypeConfiguration<Coupon>,
    IEntityTypeConfiguration<WebhookDelivery>,
    IEntityTypeConfiguration<BlastRun>,
    IEntityTypeConfiguration<PendingEnrolment>
{
    public void Configure(EntityTypeBuilder<WorkflowVersion> builder)
    {
        builder.ToTable("WorkflowVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.DefinitionId).HasMaxLength(100).IsRequired();
        builder.Property(v => v.Name).HasMaxLength(200).IsRequired();
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(v => new { v.DefinitionId, v.Version }).IsUnique();
        builder.HasIndex(v => v.Status);
        builder.Ignore(v => v.Definition);
    }

    public void Configure(EntityTypeBuilder<Journey> builder)
    {
        builder.ToTable("Journeys");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.DefinitionId).HasMaxLength(100).IsRequired();
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.ActivityId).HasMaxLength(100).IsRequired();
        builder.Property(j => j.WaitingEvent).HasMaxLength(200);
        builder.Property(j => j.ResumePort).HasMaxLength(100);
        builder.Property(j => j.Variant).HasMaxLength(100);
        builder.Property(j => j.EndReason).HasMaxLength(500);
        builder.Property(j => j.ActiveKey).HasMaxLength(100);
        builder.Property(j => j.SourceKey).HasMaxLength(200);
        builder.Property(j => j.Variables).HasConversion(JsonObjectConversion.Converter, JsonObjectConversion.Comparer);
        builder.Property(j => j.TriggerEvent).HasConversion(JsonObjectConversion.NullableConverter, JsonObjectConversion.NullableComparer);

        // Two hosts that both advance a journey: the second write sees a different step and fails.
        builder.Property(j => j.Step).IsConcurrencyToken();
        builder.Ignore(j => j.IsActive);

        // Indexes are what a journey costs to write (ADR 0010): each one is here for a query or a guarantee, and is filtered
        // to the rows that query can want, so an ended journey — most rows, once blasts have run — sits in three (with the dashboard's EnteredAt).

        // One active journey per contact and workflow; an ended journey (null ActiveKey) is not in it at all.
        builder.HasIndex(j => new { j.ActiveKey, j.ContactId }).IsUnique().HasFilter(isNotNull(nameof(Journey.ActiveKey))).HasDatabaseName("IX_Journeys_Active");

        // No index on (DefinitionId, SourceKey, ContactId): "the same enrolment never enrols a contact twice" is the
        // enrolment's own condition (EfJourneyEnroller.Free probes the contact's journeys of the workflow, SourceKey included),
        // two enrolments racing for a contact meet in IX_Journeys_Active (both insert running journeys), and a blast's share is
        // run once under its row lock. The unique index cost a quarter of an ended journey's insert (ADR 0020).

        // The sweep's claim (DueAt <= now, which implies not null); ended journeys have no DueAt.
        builder.HasIndex(j => j.DueAt).HasFilter(isNotNull(nameof(Journey.DueAt)));

        // Entry policies, a contact's history, events finding a contact's journeys, and the contact foreign key.
        builder.HasIndex(j => new { j.ContactId, j.DefinitionId });

        // No foreign keys on the tables a journey writes (journeys, steps, coupons, outbox messages; ADR 0010): on
        // PostgreSQL each is a per-row check that locks the parent row, and together they were more than half the
        // database's work of a blast. Versions are never deleted; a contact's erasure deletes its rows (ContactErasure).
    }

    public void Configure(EntityTypeBuilder<JourneyStep> builder)
    {
        builder.ToTable("JourneySteps");
        builder.Property(s => s.DefinitionId).HasMaxLength(100).IsRequired();
        builder.Property(s => s.ActivityId).HasMaxLength(100).IsRequired();
        builder.Property(s => s.Outcome).HasMaxLength(100).IsRequired();
        builder.Property(s => s.Detail).HasMaxLength(500);
        builder.Property(s => s.Worker).HasMaxLength(100);

        // A journey's history (JourneyEndpoints: a contact's journeys' steps in Id order; erasure and workflow deletion by
        // JourneyId). No other index: the per-activity counts read the steps of one definition in one scan, and a contact's
        // history finds its journeys first (ADR 0010). No reader looks a step up by Id alone, so where the provider allows it
        // the history's index IS the key (ADR 0021): three steps per journey each cost one index entry instead of two.
        if (stepsKeyedByJourney)
        {
            builder.HasKey(s => new { s.JourneyId, s.Id });
            builder.Property(s => s.Id).ValueGeneratedOnAdd();
        }
        else
        {
            builder.HasKey(s => s.Id);
            builder.HasIndex(s => new { s.JourneyId, s.Id });
        }
    }

    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(200).IsRequired();

        // Exactly once (ADR 0004/0010): a send step retried by another host meets its own row here.
        builder.HasIndex(m => m.IdempotencyKey).IsUnique();
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(8);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.TemplateKey).HasMaxLength(100).IsRequired();
        builder.Property(m => m.DefinitionId).HasMaxLength(100);
        builder.Property(m => m.ActivityId).HasMaxLength(100);
        builder.Property(m => m.Reason).HasMaxLength(500);
        builder.Property(m => m.ProviderMessageId).HasMaxLength(200);
        builder.Property(m => m.LeaseOwner).HasMaxLength(100);
        builder.Ignore(m => m.IsFinal);

        // Filtered (ADR 0010): a queued message has neither a provider id nor a lease, so its insert skips both indexes.
        // Receipts find a message by provider id; the dispatcher finds lapsed leases (LeaseUntil < now).
        builder.HasIndex(m => m.ProviderMessageId).HasFilter(isNotNull(nameof(OutboxMessage.ProviderMessageId)));
        builder.HasIndex(m => new { m.Status, m.LeaseUntil }).HasFilter(isNotNull(nameof(OutboxMessage.LeaseUntil)));

        // Stored as text: a send step writes its journey's variables' text without building a tree (ADR 0021). Through the
        // property, not its field: the text of a message built with a Data tree is that tree's.
        builder.Ignore(m => m.Data);
        builder.Property(m => m.DataJson).HasColumnName(nameof(OutboxMessage.Data)).IsRequired().UsePropertyAccessMode(PropertyAccessMode.Property);

        // The dispatcher's claim: a channel's pending rows in NotBefore order. Filtered to the statuses the claim takes, so a
        // sent row leaves it and it stays the size of the queue; with (Status, NotBefore) the claim's two statuses and its
        // channel made PostgreSQL scan and sort every pending row per claim (1.5 s per 1,000 claimed from 1M queued).
        builder.HasIndex(m => new { m.Channel, m.NotBefore })
            .HasFilter($"{quoted(nameof(OutboxMessage.Status))} IN ('{OutboxStatus.Queued}', '{OutboxStatus.Deferred}')")
            .HasDatabaseName("IX_OutboxMessages_Pending");

        // A contact's messages: the dispatcher's frequency cap (GuardLookups, every round), the outbox page filtered by
        // contact, the designer's simulation and erasure (ContactErasure). The dashboard's CreatedAt index is in OperationConfiguration.
        builder.HasIndex(m => new { m.ContactId, m.CreatedAt });
    }

    public void Configure(EntityTypeBuilder<Coupon> builder)
    {
        builder.ToTable("Coupons");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Code).HasMaxLength(32).IsRequired();

        // No two coupons share a code (a random code that collides fails its batch's commit): the code is what a shop
        // redeems, so its uniqueness is a guarantee even though no query of the product reads by code.
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.Campaign).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Value).HasMaxLength(50).IsRequired();
        builder.Property(c => c.IdempotencyKey).HasMaxLength(200).IsRequired();

        // Exactly once (ADR 0004/0010): an issue-coupon step retried by another host meets its own row here.
        builder.HasIndex(c => c.IdempotencyKey).IsUnique();

        // Erasure (ContactErasure deletes a contact's coupons). The dashboard's IssuedAt index is in OperationConfiguration.
        builder.HasIndex(c => new { c.ContactId, c.Campaign });
    }

    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.IdempotencyKey).HasMaxLength(200).IsRequired();
        builder.HasIndex(w => w.IdempotencyKey).IsUnique();
        builder.Property(w => w.Url).HasMaxLength(2000).IsRequired();
        builder.Property(w => w.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.LastError).HasMaxLength(500);
        builder.Property(w => w.LeaseOwner).HasMaxLength(100);
        builder.HasIndex(w => new { w.Status, w.NextAttemptAt });
    }

    public void Configure(EntityTypeBuilder<BlastRun> builder)
    {
        builder.ToTable("BlastRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.DefinitionId).HasMaxLength(100).IsRequired();
        builder.Property(r => r.RunKey).HasMaxLength(100).IsRequired();

        // A firing enrols once: a repeated firing (a re-synced one-off, a recovered job, a second host) finds its row.
        builder.HasIndex(r => new { r.DefinitionId, r.RunKey }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<PendingEnrolment> builder)
    {
        // Claimed in id order, by row lock; no other index: a blast of a million contacts is a few hundred rows.
        builder.ToTable("PendingEnrolments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.DefinitionId).HasMaxLength(100).IsRequired();
        builder.Property(p => p.FirstActivityId).HasMaxLength(100).IsRequired();
        builder.Property(p => p.SourceKey).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Policy).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.ContactIds).IsRequired();
        builder.HasOne<WorkflowVersion>().WithMany().HasForeignKey(p => p.WorkflowVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
