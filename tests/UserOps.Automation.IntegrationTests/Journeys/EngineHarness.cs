using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Host.Segments;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Segments;
using UserOps.Automation.Infrastructure.Workflows;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Journeys;

/// <summary>The engine on a real SQLite file with a fake clock: publish shipped workflows, add contacts and events, move time, pump.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("userops-engine-").FullName;
    private readonly ServiceProvider _services;

    private EngineHarness(DateTime start)
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(start, TimeSpan.Zero));
        Rules = RuleCatalog.Load(RepositoryRoot.Combine("rules"));
        _services = new ServiceCollection()
            .AddAutomationPersistence(new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "engine.db")}" })
            .BuildServiceProvider();
        DbFactory = _services.GetRequiredService<IDbContextFactory<AutomationDb>>();
        Versions = new EfWorkflowVersions(DbFactory, Rules, Clock);
        Refresher = new SegmentRefresher(DbFactory, Rules, Clock, NullLogger<SegmentRefresher>.Instance);
        Runner = new JourneyRunner(new EfJourneyStore(DbFactory), Versions, Clock, NullLogger<JourneyRunner>.Instance);
        Engine = new JourneyEngine(DbFactory, Versions, Runner, Rules, Clock, NullLogger<JourneyEngine>.Instance);
        Observer = new JourneyEventObserver(DbFactory, Versions, Clock);
    }

    public FakeTimeProvider Clock { get; }
    public RuleCatalog Rules { get; }
    public IDbContextFactory<AutomationDb> DbFactory { get; }
    public EfWorkflowVersions Versions { get; }
    public SegmentRefresher Refresher { get; }
    public JourneyRunner Runner { get; }
    public JourneyEngine Engine { get; }
    public JourneyEventObserver Observer { get; }
    public FactsPolicy Policy { get; } = new();

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public static async Task<EngineHarness> StartAsync(DateTime start)
    {
        var harness = new EngineHarness(start);
        await using var db = harness.DbFactory.CreateDbContext();
        await db.Database.MigrateAsync();
        await new ShippedSegmentSeeder(db, harness.Rules, harness.Clock).SeedAsync(default);
        return harness;
    }

    /// <summary>Imports a shipped workflow file as a draft and publishes it.</summary>
    public async Task<WorkflowVersion> PublishAsync(string file, Func<WorkflowDefinition, WorkflowDefinition>? change = null)
    {
        var definition = WorkflowJson.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("workflows", file)));
        definition = change?.Invoke(definition) ?? definition;
        await using var db = DbFactory.CreateDbContext();
        var service = new WorkflowService(db, Rules, Clock);
        await service.SaveDraftAsync(definition, default);
        var (version, problems) = await service.PublishAsync(definition.DefinitionId, default);
        Assert.Empty(problems);
        Versions.Invalidate();
        return version!;
    }

    public async Task<Contact> AddContactAsync(string externalId, DateTime lastActive, Action<Contact>? configure = null)
    {
        await using var db = DbFactory.CreateDbContext();
        var contact = new Contact(externalId, lastActive.AddDays(-60)) { Email = $"{externalId}@example.com", Phone = "+8613800000000", TimeZone = "Asia/Shanghai", Locale = "zh-CN" };
        contact.Consent.Email = contact.Consent.Sms = contact.Consent.Push = true;
        contact.Apply(new ContactEvent(0, EventNames.Visit, lastActive, lastActive), Policy, lastActive);
        configure?.Invoke(contact);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    }

    /// <summary>Stores an event, folds it into the contact's facts and tells the journeys, as ingestion does.</summary>
    public async Task TrackAsync(string externalId, string name, Action<ContactEvent>? configure = null)
    {
        await using var db = DbFactory.CreateDbContext();
        var contact = await db.Contacts.Include(c => c.PushTokens).Include(c => c.Interests).SingleAsync(c => c.ExternalId == externalId);
        var contactEvent = new ContactEvent(contact.Id, name, Now, Now);
        configure?.Invoke(contactEvent);
        contact.Apply(contactEvent, Policy, Now);
        db.Events.Add(contactEvent);
        await db.SaveChangesAsync();
        await Observer.OnEventsAsync([contactEvent], default);
    }

    /// <summary>Segments refreshed on each tick (only those the test's workflows use, to keep ticks cheap).</summary>
    public List<string> RefreshedSegments { get; } = [];

    /// <summary>What the scheduler does on each tick: refresh segments, enrol entrants, sweep due journeys.</summary>
    public async Task TickAsync()
    {
        foreach (var segment in RefreshedSegments)
        {
            await Refresher.RefreshAsync(segment, default);
        }

        await Engine.PumpAsync("test-host", default);
    }

    /// <summary>Moves the clock in steps, ticking after each, as a running host would.</summary>
    public async Task AdvanceAsync(TimeSpan span, TimeSpan? step = null)
    {
        var each = step ?? TimeSpan.FromHours(1);
        for (var moved = TimeSpan.Zero; moved < span; moved += each)
        {
            Clock.Advance(each);
            await TickAsync();
        }
    }

    public async Task<List<(string Contact, Channel Channel, string Template, DateTime At, OutboxMessage Message)>> MessagesAsync(string? definitionId = null)
    {
        await using var db = DbFactory.CreateDbContext();
        var query = from m in db.OutboxMessages
                    join c in db.Contacts on m.ContactId equals c.Id
                    where definitionId == null || m.DefinitionId == definitionId
                    orderby m.Id
                    select new { c.ExternalId, m };
        return (await query.ToListAsync()).Select(x => (x.ExternalId, x.m.Channel, x.m.TemplateKey, x.m.CreatedAt, x.m)).ToList();
    }

    public async Task<List<Journey>> JourneysAsync(string definitionId)
    {
        await using var db = DbFactory.CreateDbContext();
        return await db.Journeys.Where(j => j.DefinitionId == definitionId).OrderBy(j => j.Id).ToListAsync();
    }

    public async Task<long> ContactIdAsync(string externalId)
    {
        await using var db = DbFactory.CreateDbContext();
        return await db.Contacts.Where(c => c.ExternalId == externalId).Select(c => c.Id).SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
