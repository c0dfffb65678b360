namespace CaaBot.Conversations.Testing;

/// <summary>A <see cref="TestFlow"/> or transcript expectation was not met; the message says which step and why.</summary>
public sealed class TestFlowAssertionException : Exception
{
    public TestFlowAssertionException()
    {
    }

    public TestFlowAssertionException(string message)
        : base(message)
    {
    }

    public TestFlowAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
