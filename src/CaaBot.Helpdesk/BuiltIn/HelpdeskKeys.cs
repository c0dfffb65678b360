using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace CaaBot.Helpdesk.BuiltIn;

/// <summary>
/// Every document key and stream name the built-in queue uses, all under <c>helpdesk/</c>. Request ids are
/// escaped so that no id, however hostile, can address another key.
/// </summary>
internal static class HelpdeskKeys
{
    public const string Counter = "helpdesk/counter/ticket-number";

    public const string CreatedStream = "helpdesk/tickets-created";

    private const string TicketPrefix = "helpdesk/ticket/";

    private const string RequestPrefix = "helpdesk/request/";

    /// <summary>Request ids whose escaped form is longer than this are keyed by their hash instead.</summary>
    internal const int MaxReadableRequestKeyLength = 200;

    private static readonly SearchValues<char> Unreserved =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._");

    public static string Ticket(long number) => TicketPrefix + TicketNumber.Format(number);

    /// <summary>
    /// <c>helpdesk/request/{escaped}</c>: letters, digits, <c>-</c>, <c>.</c> and <c>_</c> as they are, every other
    /// character as <c>%XX</c> of its UTF-8 bytes (so <c>/</c> can never start another path segment). An id whose
    /// escaped form would be long is keyed as <c>~</c> plus the SHA-256 of its UTF-16 code units instead; <c>~</c>
    /// is always escaped in the readable form, so the two forms cannot meet. The caller has checked that the id is
    /// well-formed Unicode.
    /// </summary>
    public static string Request(string requestId)
    {
        var escaped = Escape(requestId);
        if (escaped is not null)
        {
            return RequestPrefix + escaped;
        }

        var hash = SHA256.HashData(MemoryMarshal.AsBytes(requestId.AsSpan()));
        return RequestPrefix + "~" + Convert.ToHexStringLower(hash);
    }

    /// <summary>True when <paramref name="id"/> has no lone surrogates, so keys and JSON text keep it exactly as it is.</summary>
    public static bool IsWellFormed(string id)
    {
        var rest = id.AsSpan();
        if (rest.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return true;
        }

        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out var consumed) != OperationStatus.Done)
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }

    private static string? Escape(string requestId)
    {
        if (requestId.Length > MaxReadableRequestKeyLength)
        {
            return null;
        }

        if (!requestId.AsSpan().ContainsAnyExcept(Unreserved))
        {
            return requestId;
        }

        var builder = new StringBuilder(requestId.Length * 3);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in requestId.EnumerateRunes())
        {
            if (rune.IsAscii && Unreserved.Contains((char)rune.Value))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }

            if (builder.Length > MaxReadableRequestKeyLength)
            {
                return null;
            }
        }

        return builder.Length > MaxReadableRequestKeyLength ? null : builder.ToString();
    }
}
