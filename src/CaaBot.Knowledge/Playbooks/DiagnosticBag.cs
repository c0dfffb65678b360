namespace CaaBot.Knowledge.Playbooks;

/// <summary>Collects the diagnostics of one file while it is parsed.</summary>
internal sealed class DiagnosticBag(string filePath)
{
    private readonly List<PlaybookDiagnostic> _items = [];

    public string FilePath { get; } = filePath;

    public IReadOnlyList<PlaybookDiagnostic> Items => _items;

    public bool HasErrors => _items.Any(d => d.IsError);

    public void Error(int line, string message) =>
        _items.Add(new PlaybookDiagnostic(PlaybookDiagnosticSeverity.Error, FilePath, line, message));

    public void Warning(int line, string message) =>
        _items.Add(new PlaybookDiagnostic(PlaybookDiagnosticSeverity.Warning, FilePath, line, message));
}
