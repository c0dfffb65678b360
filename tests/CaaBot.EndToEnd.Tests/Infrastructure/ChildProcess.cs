using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CaaBot.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A server the test started: keeps its recent output for failure messages and kills it, with its whole
/// process tree, by PID when disposed.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 400;

    private readonly Process _process;
    private readonly Lock _outputGate = new();
    private readonly Queue<string> _output = new();

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(
        string name, string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, line) => child.Append(line.Data);
        process.ErrorDataReceived += (_, line) => child.Append(line.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name} did not start: {fileName}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The first match of <paramref name="pattern"/> in the output so far, or null.</summary>
    public Match? FindInOutput(Regex pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        lock (_outputGate)
        {
            return _output.Select(line => pattern.Match(line)).FirstOrDefault(match => match.Success);
        }
    }

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string RecentOutput(int lines = 40)
    {
        lock (_outputGate)
        {
            var tail = _output.Skip(Math.Max(0, _output.Count - lines));
            var state = _process.HasExited ? $"exited with code {_process.ExitCode}" : $"running as PID {_process.Id}";
            return $"--- {Name} ({state}), last output:{Environment.NewLine}{string.Join(Environment.NewLine, tail)}";
        }
    }

    /// <summary>Throws with the process's output when it has already died (so a wait fails fast and says why).</summary>
    public void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited unexpectedly.{Environment.NewLine}{RecentOutput()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var exitTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(exitTimeout.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped: nothing left to stop.
        }
        catch (OperationCanceledException)
        {
            // Killed but not reaped in time; the OS finishes it, and a test run must not hang on it.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputGate)
        {
            _output.Enqueue(line);
            if (_output.Count > OutputLinesKept)
            {
                _output.Dequeue();
            }
        }
    }
}
