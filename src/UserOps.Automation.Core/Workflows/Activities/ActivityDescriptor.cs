namespace UserOps.Automation.Core.Workflows.Activities;

/// <summary>What an activity type is: its kind, its inputs and its output ports. The designer's palette is built from these.</summary>
public sealed record ActivityDescriptor(
    string Type,
    ActivityKind Kind,
    string DisplayName,
    string Description,
    IReadOnlyList<InputDescriptor> Inputs,
    IReadOnlyList<string> FixedPorts)
{
    /// <summary>The output ports of one node; Switch and RandomSplit take theirs from their inputs.</summary>
    public IReadOnlyList<string> PortsOf(ActivityNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Type switch
        {
            ActivityTypes.Switch => [.. ActivityInputs.Cases(node).Select(c => c.Port), "Default"],
            ActivityTypes.RandomSplit => [.. ActivityInputs.Branches(node).Select(b => b.Port)],
            _ => FixedPorts,
        };
    }
}

public enum ActivityKind
{
    /// <summary>How a contact enters: the start of the flowchart.</summary>
    Trigger,

    /// <summary>Decides where a journey goes next, at once.</summary>
    Flow,

    /// <summary>Parks the journey in the database until a time or an event.</summary>
    Wait,

    /// <summary>Does something for the contact (a message, a coupon, an update, a webhook).</summary>
    Action,
}

/// <summary>One input of an activity type.</summary>
public sealed record InputDescriptor(string Name, InputKind Kind, bool Required, string Description);

public enum InputKind
{
    Text,
    Rule,
    Segment,
    Template,
    Duration,
    TimeOfDay,
    LocalDateTime,
    TimeZone,
    Cron,
    Percent,
    Days,
    Cases,
    Branches,
    Attributes,
    Tags,
    Url,
    Json,
}
