namespace Storytelling.Redis.Tests;

public sealed class RedisServerExceptionTests
{
    [Theory]
    [InlineData("NOGROUP No such key 'k' or consumer group 'g' in XREADGROUP with GROUP option", "NOGROUP")]
    [InlineData("BUSYGROUP Consumer Group name already exists", "BUSYGROUP")]
    [InlineData("WRONGTYPE Operation against a key holding the wrong kind of value", "WRONGTYPE")]
    [InlineData("ERR unknown command 'FOO'", "ERR")]
    [InlineData("LOADING Redis is loading the dataset in memory", "LOADING")]
    [InlineData("NOSCRIPT No matching script. Please use EVAL.", "NOSCRIPT")]
    [InlineData("WRONGPASS invalid username-password pair or user is disabled.", "WRONGPASS")]
    [InlineData("no prefix here", "")]
    [InlineData("", "")]
    public void The_prefix_is_the_leading_upper_case_code_and_the_message_is_kept_whole(string message, string prefix)
    {
        var error = new RedisServerException(message);
        Assert.Equal(prefix, error.Prefix);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Helpers_name_the_codes_callers_branch_on()
    {
        Assert.True(new RedisServerException("NOGROUP x").IsNoGroup);
        Assert.True(new RedisServerException("BUSYGROUP x").IsBusyGroup);
        Assert.True(new RedisServerException("NOSCRIPT x").IsNoScript);
        Assert.True(new RedisServerException("WRONGTYPE x").IsWrongType);
        Assert.True(new RedisServerException("LOADING x").IsLoading);
        Assert.False(new RedisServerException("ERR NOGROUP").IsNoGroup);
    }
}
