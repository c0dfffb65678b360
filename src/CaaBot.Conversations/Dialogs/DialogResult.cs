using System.Diagnostics.CodeAnalysis;

namespace CaaBot.Conversations.Dialogs;

/// <summary>
/// What a finished dialog handed back. Read it through the dialog that produced it
/// (<see cref="ValueOf{T}"/>), which gives the value its declared type: no casts in bot code.
/// </summary>
public sealed class DialogResult
{
    private readonly object? _value;

    internal DialogResult(string dialogId, object? value) => (DialogId, _value) = (dialogId, value);

    /// <summary>The id of the dialog that ended.</summary>
    public string DialogId { get; }

    internal object? Value => _value;

    public bool IsFrom(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        return string.Equals(DialogId, dialog.Id, StringComparison.Ordinal);
    }

    public bool TryGetValue<T>(Dialog<T> from, [MaybeNullWhen(false)] out T value)
    {
        if (IsFrom(from) && _value is T typed)
        {
            value = typed;
            return true;
        }

        value = default;
        return false;
    }

    public T ValueOf<T>(Dialog<T> from) =>
        TryGetValue(from, out var value)
            ? value
            : throw new InvalidOperationException($"This result came from dialog '{DialogId}', not from '{from.Id}' ({typeof(T).Name}).");
}
