using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CaaBot.LoadDriver.Hosting;

/// <summary>
/// A server under test in its own process on a free loopback port: started, waited for (<c>/readyz</c>), measured
/// (<c>VmRSS</c> from <c>/proc/{pid}/status</c>) and killed. Its output goes to a log file, never to a pipe nobody
/// reads (a full pipe would stall its logging and so the server).
/// </summary>
internal sealed class TargetProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private TargetProcess(Process process, StreamWriter log, Uri baseUri, long startedAt)
    {
        _process = process;
        _log = log;
        BaseUri = baseUri;
        StartedAt = startedAt;
    }

    public Uri BaseUri { get; }

    public int ProcessId => _process.Id;

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <c>dotnet {dll} {arguments}</c> with <paramref name="environment"/> and waits until it answers.</summary>
    public static Task<TargetProcess> StartAsync(
        string dll, IReadOnlyList<string> arguments, int port, IReadOnlyDictionary<string, string> environment, string logPath, CancellationToken cancellationToken) =>
        StartAsync(new TargetCommand("dotnet", [dll, .. arguments]), port, environment, logPath, cancellationToken);

    /// <summary>Starts <paramref name="command"/> and waits until it answers its readiness path.</summary>
    public static async Task<TargetProcess> StartAsync(
        TargetCommand command, int port, IReadOnlyDictionary<string, string> environment, string logPath, CancellationToken cancellationToken)
    {
        var target = Launch(command, port, environment, logPath);
        try
        {
            await target.WaitUntilReadyAsync(command.ReadyPath, cancellationToken);
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts <paramref name="command"/> without waiting (see <see cref="StartedAt"/>); pinned to
    /// <see cref="TargetCommand.Cpus"/> with <c>taskset</c> when given (taskset execs the command, so the pid is the target's).
    /// </summary>
    public static TargetProcess Launch(TargetCommand command, int port, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(environment);
        var pinned = command.Cpus is { Length: > 0 } && File.Exists("/usr/bin/taskset");
        var info = new ProcessStartInfo(pinned ? "/usr/bin/taskset" : command.Executable)
        {
            WorkingDirectory = command.Arguments.Count > 0 && File.Exists(command.Arguments[0]) ? Path.GetDirectoryName(Path.GetFullPath(command.Arguments[0]))! : Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        if (pinned)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(command.Cpus!);
            info.ArgumentList.Add(command.Executable);
        }

        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {command.Executable}.");
        process.OutputDataReceived += (_, line) => WriteLine(log, line.Data);
        process.ErrorDataReceived += (_, line) => WriteLine(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new TargetProcess(process, log, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"), startedAt);
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp just before the process was started.</summary>
    public long StartedAt { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Resident set size of the process, in bytes.</summary>
    public long ReadResidentBytes() => ReadStatus("VmRSS:") * 1024;

    /// <summary>How many threads the process has now (a thread pool starved by blocking calls keeps adding them).</summary>
    public int ReadThreadCount() => (int)ReadStatus("Threads:");

    /// <summary>CPU time the process has used so far (user + system), from <c>/proc/{pid}/stat</c>.</summary>
    public TimeSpan ReadCpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/stat");
        // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100d); // USER_HZ is 100 on Linux
    }

    private long ReadStatus(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"No {field} line in /proc/{{pid}}/status.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var waiting = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(waiting.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }

    /// <summary>Polls <paramref name="readyPath"/> until it answers 2xx (90 s at most).</summary>
    public async Task WaitUntilReadyAsync(string readyPath, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 90);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The target exited with code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)} before it was ready.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, readyPath), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The target did not answer /{readyPath} within 90 s.");
    }
}
