using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace CaaBot.Helpdesk.Tests.RealServers;

/// <summary>
/// The aiosmtpd sink (Debian's python3-aiosmtpd) on a free port, writing each message it receives to a maildir.
/// Fails (never skips) when it is not installed.
/// </summary>
public sealed class SmtpSinkServer : IAsyncLifetime
{
    private const string Python = "/usr/bin/python3";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "caabot-smtp-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly StringBuilder _log = new();
    private Process? _process;

    public int Port { get; private set; }

    public string Mailbox => Path.Combine(_directory, "mail");

    public async Task InitializeAsync()
    {
        var check = new StringBuilder();
        using (var probe = ServerProcess.Start(Python, ["-c", "import aiosmtpd"], Path.GetTempPath(), new Dictionary<string, string>(), check))
        {
            await probe.WaitForExitAsync();
            if (probe.ExitCode != 0)
            {
                throw new InvalidOperationException("The SMTP sink is not installed (python3 -c 'import aiosmtpd' failed). Run ./test.sh, which installs python3-aiosmtpd.");
            }
        }

        Directory.CreateDirectory(_directory);
        Port = ServerProcess.FreePort();
        _process = ServerProcess.Start(
            Python,
            ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}", "-c", "aiosmtpd.handlers.Mailbox", Mailbox],
            _directory,
            new Dictionary<string, string>(),
            _log);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode}:\n{ServerProcess.Tail(_log)}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"aiosmtpd did not listen within 30 s:\n{ServerProcess.Tail(_log)}");
    }

    /// <summary>The received message with <paramref name="messageId"/>, waiting up to 10 s for the sink to write it.</summary>
    public async Task<IReadOnlyList<MimeMessage>> ReceivedAsync(string messageId, int expected = 1)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var found = new List<MimeMessage>();
            var folder = Path.Combine(Mailbox, "new");
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.GetFiles(folder))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.MessageId == messageId)
                    {
                        found.Add(message);
                    }
                    else
                    {
                        message.Dispose();
                    }
                }
            }

            if (found.Count >= expected || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                return found;
            }

            foreach (var message in found)
            {
                message.Dispose();
            }

            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await ServerProcess.StopAsync(_process);
            _process.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
