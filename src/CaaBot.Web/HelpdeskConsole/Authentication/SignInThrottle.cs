using Microsoft.Extensions.Options;

namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>
/// Refuses local sign-in for a user name from an address after <see cref="HelpdeskConsoleAuthenticationOptions.FailedSignInLimit"/>
/// failures within <see cref="HelpdeskConsoleAuthenticationOptions.FailedSignInWindow"/>, until the oldest of them ages out.
/// Per instance, in memory: it slows guessing down, it is not an account lockout (a lockout would let anyone lock agents out).
/// </summary>
public sealed class SignInThrottle(IOptions<HelpdeskConsoleAuthenticationOptions> options, TimeProvider time)
{
    /// <summary>Beyond this many tracked user/address pairs the oldest are forgotten, so a flood cannot grow memory without bound.</summary>
    private const int MaxTrackedPairs = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string UserName, string Address), Queue<DateTimeOffset>> _failures = [];

    /// <summary>Zero when a sign-in may be tried now; otherwise how long until it may.</summary>
    public TimeSpan RetryAfter(string userName, string address)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_failures.TryGetValue(Key(userName, address), out var failures))
            {
                return TimeSpan.Zero;
            }

            Expire(failures, now);
            return failures.Count < options.Value.FailedSignInLimit ? TimeSpan.Zero : failures.Peek() + options.Value.FailedSignInWindow - now;
        }
    }

    public void RecordFailure(string userName, string address)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var key = Key(userName, address);
            if (!_failures.TryGetValue(key, out var failures))
            {
                if (_failures.Count >= MaxTrackedPairs)
                {
                    Prune(now);
                }

                _failures[key] = failures = new Queue<DateTimeOffset>();
            }

            Expire(failures, now);
            failures.Enqueue(now);
        }
    }

    public void RecordSuccess(string userName, string address)
    {
        lock (_gate)
        {
            _failures.Remove(Key(userName, address));
        }
    }

    private static (string, string) Key(string userName, string address) => (userName.Trim().ToUpperInvariant(), address);

    private void Expire(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && failures.Peek() + options.Value.FailedSignInWindow <= now)
        {
            failures.Dequeue();
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures.ToList())
        {
            Expire(failures, now);
            if (failures.Count == 0)
            {
                _failures.Remove(key);
            }
        }

        foreach (var key in _failures.OrderBy(pair => pair.Value.Peek()).Take(Math.Max(0, _failures.Count - (MaxTrackedPairs / 2))).Select(pair => pair.Key).ToList())
        {
            _failures.Remove(key);
        }
    }
}
