using CaaBot.Storage.Abstractions;

namespace CaaBot.Storage.Tests.Abstractions;

public sealed class StorageLimitsTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("conversation/19:abc@thread.v2/user 29:1")]
    [InlineData("emoji 🙂 pair")]
    public void ValidateName_WellFormedName_Passes(string name)
    {
        StorageLimits.ValidateName(name, "key");
    }

    [Fact]
    public void ValidateName_ExactlyMaxLength_Passes()
    {
        StorageLimits.ValidateName(new string('x', StorageLimits.MaxNameLength), "key");
    }

    [Fact]
    public void ValidateName_OneOverMaxLength_ThrowsWithParameterName()
    {
        var error = Assert.Throws<ArgumentException>(() => StorageLimits.ValidateName(new string('x', StorageLimits.MaxNameLength + 1), "key"));

        Assert.Equal("key", error.ParamName);
    }

    [Fact]
    public void ValidateName_LoneSurrogates_Throw()
    {
        Assert.Throws<ArgumentException>(() => StorageLimits.ValidateName("high \ud83d alone", "key"));
        Assert.Throws<ArgumentException>(() => StorageLimits.ValidateName("low \ude42 alone", "key"));
        Assert.Throws<ArgumentException>(() => StorageLimits.ValidateName("swapped \ude42\ud83d", "key"));
    }

    [Fact]
    public void ValidateName_NullOrEmpty_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => StorageLimits.ValidateName(null!, "key"));
        Assert.Throws<ArgumentException>(() => StorageLimits.ValidateName(string.Empty, "key"));
    }
}
