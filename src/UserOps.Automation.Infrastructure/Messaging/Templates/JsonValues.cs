using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fluid.Values;

namespace UserOps.Automation.Infrastructure.Messaging.Templates;

/// <summary>Turns attribute and property JSON into Liquid values (objects stay objects, arrays iterate).</summary>
internal static class JsonValues
{
    public static object? Convert(object? value) => value switch
    {
        JsonObject obj => new ObjectValue(obj),
        JsonArray array => new ArrayValue(array.Select(ToFluid).ToArray()),
        JsonValue scalar => ToFluid(scalar),
        _ => null,
    };

    private static FluidValue ToFluid(JsonNode? node) => node switch
    {
        null => NilValue.Instance,
        JsonObject obj => new ObjectValue(obj),
        JsonArray array => new ArrayValue(array.Select(ToFluid).ToArray()),
        JsonValue scalar => scalar.GetValueKind() switch
        {
            JsonValueKind.String => StringValue.Create(scalar.TryGetValue(out string? text) ? text : scalar.ToString()),
            JsonValueKind.Number => NumberValue.Create(scalar.TryGetValue(out decimal number)
                ? number
                : decimal.Parse(scalar.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
            JsonValueKind.True => BooleanValue.True,
            JsonValueKind.False => BooleanValue.False,
            _ => NilValue.Instance,
        },
        _ => NilValue.Instance,
    };
}
