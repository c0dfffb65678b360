using System.Diagnostics.CodeAnalysis;

namespace CaaBot.Conversations.Prompts;

/// <summary>A prompt's typed answer, or the fact that it gave up.</summary>
public sealed record PromptResult<T>
{
    private readonly T? _value;

    private PromptResult(PromptOutcome outcome, T? value, int attempts) => (Outcome, _value, Attempts) = (outcome, value, attempts);

    public PromptOutcome Outcome { get; }

    /// <summary>How many answers the user gave, counting the accepted one.</summary>
    public int Attempts { get; }

    public bool Succeeded => Outcome == PromptOutcome.Recognized;

    public bool GaveUp => Outcome == PromptOutcome.GaveUp;

    /// <summary>The answer; throws when the prompt gave up (check <see cref="GaveUp"/> first).</summary>
    public T Value => Succeeded
        ? _value!
        : throw new InvalidOperationException($"The prompt gave up after {Attempts} attempts and has no value; check GaveUp first.");

    public static PromptResult<T> Recognized(T value, int attempts) => new(PromptOutcome.Recognized, value, attempts);

    public static PromptResult<T> GaveUpAfter(int attempts) => new(PromptOutcome.GaveUp, default, attempts);

    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return Succeeded;
    }
}
