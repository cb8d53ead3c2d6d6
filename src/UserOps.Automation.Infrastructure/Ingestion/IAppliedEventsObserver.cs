using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// Told about the events of an applier round inside the round's own transaction (ADR 0009), after the contacts' facts
/// and stays are written: what it writes with <paramref name="db"/> commits or rolls back with the round, so a crash
/// never reacts to an event twice nor skips one. <paramref name="contacts"/> hold the facts as the round left them,
/// untracked; observers must not track or save them.
/// </summary>
public interface IAppliedEventsObserver
{
    Task OnAppliedAsync(AutomationDb db, IReadOnlyList<ContactEvent> events, IReadOnlyDictionary<long, Contact> contacts, CancellationToken cancellationToken);
}
