using System.Globalization;

namespace CaaBot.Knowledge.Playbooks;

/// <summary>One problem found while loading playbooks, pointing at the exact place an author must fix.</summary>
/// <param name="Severity">Error (the playbook is not loaded) or warning.</param>
/// <param name="FilePath">The file (or, for folder-level problems, the folder) concerned.</param>
/// <param name="Line">1-based line in <paramref name="FilePath"/>; 0 when the problem concerns the whole file or folder.</param>
/// <param name="Message">What is wrong and how to fix it, written for playbook authors.</param>
public sealed record PlaybookDiagnostic(PlaybookDiagnosticSeverity Severity, string FilePath, int Line, string Message)
{
    public bool IsError => Severity == PlaybookDiagnosticSeverity.Error;

    /// <summary>The compiler-style <c>path:line: error|warning: message</c> form that editors and CI logs turn into links.</summary>
    public string Format(string? displayPath = null)
    {
        var path = displayPath ?? FilePath;
        var severity = IsError ? "error" : "warning";
        return Line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{path}:{Line}: {severity}: {Message}")
            : $"{path}: {severity}: {Message}";
    }

    public override string ToString() => Format();
}
