namespace CaaBot.Conversations.Turns;

/// <summary>Per-turn values keyed by their type: loaded state, the dialog context, flags set by middleware.</summary>
public sealed class TurnState
{
    private readonly Dictionary<Type, object> _values = [];

    public void Set<T>(T value)
        where T : class => _values[typeof(T)] = value;

    public T? Get<T>()
        where T : class => _values.TryGetValue(typeof(T), out var value) ? (T)value : null;

    public T GetRequired<T>()
        where T : class => Get<T>() ?? throw new InvalidOperationException($"{typeof(T).Name} is not available in this turn.");
}
