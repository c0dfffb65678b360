namespace CaaBot.LoadDriver.Hosting;

/// <summary>How to start a target: the program, its arguments, the path that answers 2xx once it is ready, and the CPUs to pin it to (taskset list, e.g. "0").</summary>
internal sealed record TargetCommand(string Executable, IReadOnlyList<string> Arguments, string ReadyPath = "readyz", string? Cpus = null);
