namespace Storytelling.CloudEvents.Tests;

public sealed class ExtensionValueTests
{
    [Fact]
    public void Each_kind_is_read_back_only_as_itself()
    {
        ExtensionValue text = "abc";
        ExtensionValue integer = 42;
        ExtensionValue boolean = true;

        Assert.True(text.TryGetString(out var s) && s == "abc");
        Assert.False(text.TryGetInt32(out _));
        Assert.True(integer.TryGetInt32(out var i) && i == 42);
        Assert.False(integer.TryGetBoolean(out _));
        Assert.True(boolean.TryGetBoolean(out var b) && b);
        Assert.False(boolean.TryGetString(out _));
    }

    [Theory]
    [InlineData("abc", "abc")]
    [InlineData(-5, "-5")]
    [InlineData(true, "true")]
    [InlineData(false, "false")]
    public void To_string_is_the_canonical_string_encoding(object value, string expected)
    {
        var extension = value switch
        {
            string s => ExtensionValue.FromString(s),
            int i => ExtensionValue.FromInt32(i),
            _ => ExtensionValue.FromBoolean((bool)value),
        };

        Assert.Equal(expected, extension.ToString());
    }

    [Fact]
    public void Values_of_different_kinds_are_not_equal()
    {
        Assert.NotEqual(ExtensionValue.FromString("5"), ExtensionValue.FromInt32(5));
        Assert.NotEqual(ExtensionValue.FromString("true"), ExtensionValue.FromBoolean(true));
        Assert.Equal(ExtensionValue.FromInt32(5), (ExtensionValue)5);
    }

    [Fact]
    public void A_null_string_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => ExtensionValue.FromString(null!));
    }
}
