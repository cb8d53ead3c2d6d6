namespace UserOps.Automation.Core.Events;

/// <summary>Told about events after they are stored, so journeys can react: event triggers, waits for events, exit rules, goals.</summary>
public interface IContactEventObserver
{
    Task OnEventsAsync(IReadOnlyList<ContactEvent> events, CancellationToken cancellationToken);
}
