using Fluid;
using Fluid.Values;

namespace UserOps.Automation.Infrastructure.Messaging.Templates;

/// <summary>
/// <c>{{ coupon.expires_at | local_date }}</c>: the instant in the contact's time zone, formatted the way the
/// contact's culture writes dates. An optional .NET format (<c>local_date: "f"</c>) picks another pattern.
/// </summary>
internal static class LocalDateFilter
{
    public static ValueTask<FluidValue> Apply(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        DateTimeOffset instant;
        switch (input.ToObjectValue())
        {
            case DateTimeOffset value:
                instant = value;
                break;
            case DateTime value:
                instant = new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc));
                break;
            default:
                return NilValue.Instance;
        }

        var format = arguments.Count > 0 ? arguments.At(0).ToStringValue() : "D";
        var local = TimeZoneInfo.ConvertTime(instant, context.TimeZone);
        try
        {
            return StringValue.Create(local.ToString(format, context.CultureInfo));
        }
        catch (FormatException)
        {
            return StringValue.Create(local.ToString("D", context.CultureInfo));
        }
    }
}
