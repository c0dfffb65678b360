namespace CaaBot.Conversations.Dialogs;

/// <summary>The dialogs a stack may refer to, by id. Adding a dialog also adds its <see cref="Dialog.Dependencies"/>.</summary>
public sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    public DialogSet Add(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (_dialogs.TryGetValue(dialog.Id, out var existing))
        {
            return ReferenceEquals(existing, dialog)
                ? this
                : throw new InvalidOperationException($"Two different dialogs use the id '{dialog.Id}'; ids must be unique.");
        }

        _dialogs.Add(dialog.Id, dialog);
        foreach (var dependency in dialog.Dependencies)
        {
            Add(dependency);
        }

        return this;
    }

    public Dialog? Find(string dialogId) => _dialogs.GetValueOrDefault(dialogId);

    public bool Contains(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        return _dialogs.TryGetValue(dialog.Id, out var existing) && ReferenceEquals(existing, dialog);
    }
}
