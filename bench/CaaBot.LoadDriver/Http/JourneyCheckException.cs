namespace CaaBot.LoadDriver.Http;

/// <summary>A turn whose response was not a success or whose replies were not the ones the journey expects.</summary>
internal sealed class JourneyCheckException : Exception
{
    public JourneyCheckException()
    {
    }

    public JourneyCheckException(string message)
        : base(message)
    {
    }

    public JourneyCheckException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
