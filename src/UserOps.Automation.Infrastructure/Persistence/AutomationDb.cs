using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Core.Audit;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Coupons;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Operations;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Infrastructure.Messaging.Channels;

namespace UserOps.Automation.Infrastructure.Persistence;

/// <summary>
/// The one model for the three providers. Each provider has a thin subclass with its own migrations
/// folder (<see cref="SqliteAutomationDb"/>, <see cref="PostgresAutomationDb"/>, <see cref="SqlServerAutomationDb"/>).
/// </summary>
public abstract class AutomationDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<PushToken> PushTokens => Set<PushToken>();
    public DbSet<ContactInterest> ContactInterests => Set<ContactInterest>();
    public DbSet<ContactEvent> Events => Set<ContactEvent>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<SegmentMembership> SegmentMemberships => Set<SegmentMembership>();
    public DbSet<ClosedSegmentStay> ClosedSegmentStays => Set<ClosedSegmentStay>();
    public DbSet<SegmentRefresh> SegmentRefreshes => Set<SegmentRefresh>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<StoredSetting> Settings => Set<StoredSetting>();
    public DbSet<WorkflowVersion> WorkflowVersions => Set<WorkflowVersion>();
    public DbSet<Journey> Journeys => Set<Journey>();
    public DbSet<JourneyStep> JourneySteps => Set<JourneyStep>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Coupon> Coupons => Set<Coupon>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<MessageAttempt> MessageAttempts => Set<MessageAttempt>();
    public DbSet<SuppressionEntry> Suppressions => Set<SuppressionEntry>();
    public DbSet<BlastRun> BlastRuns => Set<BlastRun>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<TemplateVersion> MessageTemplateVersions => Set<TemplateVersion>();
    public DbSet<CapturedMessage> CapturedMessages => Set<CapturedMessage>();
    public DbSet<Operation> Operations => Set<Operation>();
    public DbSet<Operator> Operators => Set<Operator>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Which provider this context speaks to; raw SQL that differs per provider asks this.</summary>
    public abstract DatabaseProvider Provider { get; }

    /// <summary>A column's name quoted as the provider's SQL wants it, for the filters of filtered indexes.</summary>
    protected abstract string QuotedColumn(string column);

    private string IsNotNullFilter(string column) => $"{QuotedColumn(column)} IS NOT NULL";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var contacts = new ContactConfiguration();
        modelBuilder.ApplyConfiguration<Contact>(contacts);
        modelBuilder.ApplyConfiguration<PushToken>(contacts);
        modelBuilder.ApplyConfiguration<ContactInterest>(contacts);
        modelBuilder.ApplyConfiguration(new ContactEventConfiguration());
        modelBuilder.ApplyConfiguration(new PendingEventConfiguration());
        var segments = new SegmentConfiguration();
        modelBuilder.ApplyConfiguration<Segment>(segments);
        modelBuilder.ApplyConfiguration<SegmentRefresh>(segments);
        var stays = new SegmentMembershipConfiguration();
        modelBuilder.ApplyConfiguration<SegmentMembership>(stays);
        modelBuilder.ApplyConfiguration<ClosedSegmentStay>(stays);
        modelBuilder.ApplyConfiguration(new AccessConfiguration());
        var operators = new OperatorConfiguration();
        modelBuilder.ApplyConfiguration<Operator>(operators);
        modelBuilder.ApplyConfiguration<AuditEntry>(operators);
        var journeys = new JourneyConfiguration(IsNotNullFilter, QuotedColumn, stepsKeyedByJourney: Provider != DatabaseProvider.Sqlite);
        modelBuilder.ApplyConfiguration<WorkflowVersion>(journeys);
        modelBuilder.ApplyConfiguration<Journey>(journeys);
        modelBuilder.ApplyConfiguration<JourneyStep>(journeys);
        modelBuilder.ApplyConfiguration<OutboxMessage>(journeys);
        modelBuilder.ApplyConfiguration<Coupon>(journeys);
        modelBuilder.ApplyConfiguration<WebhookDelivery>(journeys);
        modelBuilder.ApplyConfiguration<BlastRun>(journeys);
        modelBuilder.ApplyConfiguration<Infrastructure.Journeys.PendingEnrolment>(journeys);
        modelBuilder.ApplyConfiguration(new StoredSettingConfiguration());
        modelBuilder.ApplyConfiguration(new ShippedWorkflowFileConfiguration());
        MessagingConfiguration.Apply(modelBuilder);
        DispatchConfiguration.Apply(modelBuilder);
        OperationConfiguration.Apply(modelBuilder, timeRangesByBlockRange: Provider == DatabaseProvider.Postgres);
    }
}
