namespace CaaBot.LoadDriver.Http;

/// <summary>Milliseconds from starting the host process to its first answered turn, per run (fresh data directory each).</summary>
internal sealed record StartupResult(IReadOnlyList<double> FirstAnswerMs, IReadOnlyList<double> ReadyMs)
{
    public double MedianFirstAnswerMs => Median(FirstAnswerMs);

    public double MedianReadyMs => Median(ReadyMs);

    private static double Median(IReadOnlyList<double> values) =>
        values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);
}
