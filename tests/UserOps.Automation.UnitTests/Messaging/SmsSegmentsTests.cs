using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.UnitTests.Messaging;

public class SmsSegmentsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void Measure_PlainGsm7_Uses160ThenParts153(int length, int segments)
    {
        var info = SmsSegments.Measure(new string('a', length));

        Assert.Equal(SmsEncoding.Gsm7, info.Encoding);
        Assert.Equal(segments, info.Segments);
    }

    [Fact]
    public void Measure_ExtensionCharacters_CountTwoSeptets()
    {
        var info = SmsSegments.Measure(new string('a', 150) + "{}[]€");

        Assert.Equal(SmsEncoding.Gsm7, info.Encoding);
        Assert.Equal(160, info.Units);
        Assert.Equal(1, info.Segments);
        Assert.Equal(2, SmsSegments.Measure(new string('a', 155) + "{}[]€").Segments);
    }

    [Fact]
    public void Measure_ExtensionCharacterAtPartBoundary_MovesToNextPart()
    {
        // 152 septets then "€": the escape and the character must travel in the same part.
        var info = SmsSegments.Measure(new string('a', 152) + "€" + new string('a', 10));

        Assert.Equal(2, info.Segments);
        Assert.Equal(153 - 12, info.RemainingInLastSegment);
    }

    [Fact]
    public void Measure_GsmAccentedLetters_StayGsm7()
    {
        Assert.True(SmsSegments.IsGsm7("Café à Zürich: ñ, ß, Å, Δ — no"[..24]));
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Measure("Déjà vu? Ça va! £5 ¥10 §3").Encoding);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Measure_Chinese_UsesUcs2With70ThenParts67(int length, int segments)
    {
        var info = SmsSegments.Measure(new string('券', length));

        Assert.Equal(SmsEncoding.Ucs2, info.Encoding);
        Assert.Equal(segments, info.Segments);
    }

    [Fact]
    public void Measure_SameMessageInChinese_CostsMoreSegmentsThanEnglish()
    {
        var english = SmsSegments.Measure("Hi Amy, we miss you! Your 20% coupon is waiting in the app and expires on Sunday at 23:59. Use it on anything in the store. Reply STOP to opt out of texts.");
        var chinese = SmsSegments.Measure("艾米您好，好久不见，我们很想念您！您的八折优惠券已经放在应用里了，本周日晚上23:59到期，全场商品都可以使用，快回来看看吧。回复STOP即可退订短信。");

        // Fewer characters, yet one segment in GSM-7 against two in UCS-2.
        Assert.Equal(1, english.Segments);
        Assert.True(chinese.Characters < english.Characters);
        Assert.Equal(2, chinese.Segments);
    }

    [Fact]
    public void Measure_OneEmoji_SwitchesWholeBodyToUcs2()
    {
        var info = SmsSegments.Measure(new string('a', 69) + "🎉");

        Assert.Equal(SmsEncoding.Ucs2, info.Encoding);
        Assert.Equal(71, info.Units);
        Assert.Equal(70, info.Characters);
        Assert.Equal(2, info.Segments);
    }

    [Fact]
    public void Measure_SurrogatePairAtPartBoundary_IsNotSplit()
    {
        var info = SmsSegments.Measure(new string('券', 66) + "🎉" + new string('券', 10));

        Assert.Equal(2, info.Segments);
        Assert.Equal(67 - 12, info.RemainingInLastSegment);
    }
}
