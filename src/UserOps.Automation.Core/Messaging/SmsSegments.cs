namespace UserOps.Automation.Core.Messaging;

/// <summary>
/// How many SMS segments a body costs. GSM-7 bodies take 160 septets in one segment and 153 per part
/// when concatenated (the UDH eats 7); an extension-table character (<c>^{}\[~]|€</c>, form feed) costs two
/// septets and is never split across parts. One character outside GSM-7 (Chinese, most emoji, curly quotes)
/// switches the whole body to UCS-2: 70 code units in one segment, 67 per part, surrogate pairs kept together.
/// </summary>
public static class SmsSegments
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[~]|€\f";

    private static readonly bool[] BasicAscii = BuildAscii(Basic);
    private static readonly HashSet<char> BasicOther = [.. Basic.Where(c => c >= 128)];

    public static SmsSegmentInfo Measure(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return IsGsm7(body) ? MeasureGsm(body) : MeasureUcs2(body);
    }

    /// <summary>Whether every character is in the GSM-7 basic or extension table.</summary>
    public static bool IsGsm7(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        foreach (var c in body)
        {
            if (SeptetsOf(c) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static SmsSegmentInfo MeasureGsm(string body)
    {
        var total = 0;
        foreach (var c in body)
        {
            total += SeptetsOf(c);
        }

        if (total <= 160)
        {
            return new SmsSegmentInfo(SmsEncoding.Gsm7, body.Length, total, total == 0 ? 0 : 1, 160 - total);
        }

        // Fill 153-septet parts; a two-septet character that does not fit starts the next part.
        int segments = 1, used = 0;
        foreach (var c in body)
        {
            var cost = SeptetsOf(c);
            if (used + cost > 153)
            {
                segments++;
                used = 0;
            }

            used += cost;
        }

        return new SmsSegmentInfo(SmsEncoding.Gsm7, body.Length, total, segments, 153 - used);
    }

    private static SmsSegmentInfo MeasureUcs2(string body)
    {
        var units = body.Length;
        if (units <= 70)
        {
            return new SmsSegmentInfo(SmsEncoding.Ucs2, CharacterCount(body), units, 1, 70 - units);
        }

        int segments = 1, used = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var cost = char.IsHighSurrogate(body[i]) && i + 1 < body.Length && char.IsLowSurrogate(body[i + 1]) ? 2 : 1;
            if (used + cost > 67)
            {
                segments++;
                used = 0;
            }

            used += cost;
            i += cost - 1;
        }

        return new SmsSegmentInfo(SmsEncoding.Ucs2, CharacterCount(body), units, segments, 67 - used);
    }

    private static int SeptetsOf(char c)
    {
        if (c < 128 && BasicAscii[c])
        {
            return 1;
        }

        if (Extension.Contains(c, StringComparison.Ordinal))
        {
            return 2;
        }

        return BasicOther.Contains(c) ? 1 : 0;
    }

    private static int CharacterCount(string body)
    {
        var count = 0;
        for (var i = 0; i < body.Length; i++)
        {
            count++;
            if (char.IsHighSurrogate(body[i]) && i + 1 < body.Length && char.IsLowSurrogate(body[i + 1]))
            {
                i++;
            }
        }

        return count;
    }

    private static bool[] BuildAscii(string table)
    {
        var ascii = new bool[128];
        foreach (var c in table.Where(c => c < 128))
        {
            ascii[c] = true;
        }

        return ascii;
    }
}

public enum SmsEncoding
{
    Gsm7,
    Ucs2,
}

/// <param name="Characters">Characters as a reader counts them.</param>
/// <param name="Units">Septets (GSM-7) or UTF-16 code units (UCS-2) the body occupies.</param>
/// <param name="Segments">Parts the carrier sends and bills.</param>
/// <param name="RemainingInLastSegment">Units still free in the last part.</param>
public sealed record SmsSegmentInfo(SmsEncoding Encoding, int Characters, int Units, int Segments, int RemainingInLastSegment);
