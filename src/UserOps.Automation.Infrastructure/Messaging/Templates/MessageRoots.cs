using Fluid;
using Fluid.Values;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Infrastructure.Messaging.Templates;

/// <summary>
/// The model of one render: the five names a template can start from, resolved when the template reads them. One
/// object per render instead of five values set into the context's scope (a dictionary built and grown per render),
/// and a root the template never reads is never wrapped; one it reads again is wrapped once.
/// </summary>
internal sealed class MessageRoots(MessageContext message) : ObjectValueBase(message)
{
    private FluidValue? _contact;
    private FluidValue? _event;
    private FluidValue? _journey;
    private FluidValue? _coupon;
    private FluidValue? _unsubscribeUrl;

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) => name switch
    {
        "contact" => _contact ??= new ObjectValue(message.Contact),
        "event" => _event ??= message.Event is { } contactEvent ? new ObjectValue(contactEvent) : NilValue.Instance,
        "journey" => _journey ??= message.JourneyVariables is { } variables ? new ObjectValue(new TemplateSandbox.JourneyScope(variables)) : NilValue.Instance,
        "coupon" => _coupon ??= message.Coupon is { } coupon ? new ObjectValue(coupon) : NilValue.Instance,
        "unsubscribe_url" => _unsubscribeUrl ??= message.UnsubscribeUrl is { } url ? StringValue.Create(url) : NilValue.Instance,
        _ => NilValue.Instance,
    };
}
