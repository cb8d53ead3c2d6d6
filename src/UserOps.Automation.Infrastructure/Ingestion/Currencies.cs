namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>ISO 4217 minor-unit exponents: amounts arrive in major units and are stored as integers of minor units.</summary>
public static class Currencies
{
    private static readonly Dictionary<string, int> NonDefaultExponents = new(StringComparer.Ordinal)
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0,
        ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
        ["CLF"] = 4, ["UYW"] = 4,
    };

    /// <summary>Digits after the decimal point of <paramref name="currency"/> (2 for CNY and USD, 0 for JPY).</summary>
    public static int ExponentOf(string currency) => NonDefaultExponents.GetValueOrDefault(currency, 2);

    /// <summary>The amount in minor units, rounded half away from zero to the currency's precision; null when it does not fit.</summary>
    public static long? ToMinor(decimal amount, string currency)
    {
        var scaled = Math.Round(amount * Pow10(ExponentOf(currency)), 0, MidpointRounding.AwayFromZero);
        return scaled is >= long.MinValue and <= long.MaxValue ? (long)scaled : null;
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
