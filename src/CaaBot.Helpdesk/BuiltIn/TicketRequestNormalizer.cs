using System.Text;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Storage.Abstractions;

namespace CaaBot.Helpdesk.BuiltIn;

/// <summary>
/// Makes a request fit to store. Missing ids are programmer errors (<see cref="ArgumentException"/>); everything
/// that comes from the user is kept but bounded: long text is cut with <see cref="TruncationMarker"/>, lists are
/// capped, blank optional text becomes null and missing descriptive fields get a default. A user's escalation is
/// never refused for what they typed.
/// </summary>
internal static class TicketRequestNormalizer
{
    public const string TruncationMarker = " … [truncated]";

    public const int MaxRequestIdLength = StorageLimits.MaxNameLength;
    public const int MaxUserWordsLength = 4_000;
    public const int MaxSteps = 50;
    public const int MaxFindings = 50;
    public const int MaxFindingLength = 500;
    public const int MaxIdLength = 512;
    public const int MaxTitleLength = 300;
    public const int MaxShortTextLength = 200;
    public const int MaxEmailLength = 320;
    public const int MaxPhoneLength = 64;
    public const int MaxAttachments = 20;
    public const int MaxUrlLength = 2_048;

    public const string DefaultDevice = "unknown";
    public const string DefaultGroup = "general";
    public const string DefaultPriority = "normal";

    private static readonly string[] Priorities = ["low", "normal", "high"];

    /// <summary>The request as it will be stored; <paramref name="shortened"/> receives the names of the fields that were cut.</summary>
    public static TicketRequest Normalize(TicketRequest request, ICollection<string> shortened)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateRequestId(request.RequestId);
        var requester = request.Requester ?? throw new ArgumentException("The request has no requester.", nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(requester.ChannelId, $"{nameof(request)}.{nameof(TicketRequest.Requester)}.{nameof(TicketRequester.ChannelId)}");
        ArgumentException.ThrowIfNullOrWhiteSpace(requester.UserId, $"{nameof(request)}.{nameof(TicketRequest.Requester)}.{nameof(TicketRequester.UserId)}");

        var steps = NormalizeSteps(request.Steps, shortened, out var omittedSteps);
        var findings = NormalizeFindings(request.Findings, shortened);
        if (omittedSteps > 0)
        {
            findings.Add($"{omittedSteps} earlier step(s) not kept: a ticket keeps the last {MaxSteps}.");
        }

        return request with
        {
            Requester = new TicketRequester(
                Clip(requester.ChannelId, MaxIdLength, "Requester.ChannelId", shortened)!,
                Clip(requester.UserId, MaxIdLength, "Requester.UserId", shortened)!,
                Optional(requester.Name, MaxShortTextLength, "Requester.Name", shortened))
            {
                ContactEmail = Optional(requester.ContactEmail, MaxEmailLength, "Requester.ContactEmail", shortened),
                ContactPhone = Optional(requester.ContactPhone, MaxPhoneLength, "Requester.ContactPhone", shortened),
            },
            ErrorCode = Optional(request.ErrorCode, MaxShortTextLength, nameof(TicketRequest.ErrorCode), shortened),
            Device = Optional(request.Device, MaxShortTextLength, nameof(TicketRequest.Device), shortened) ?? DefaultDevice,
            PlaybookId = Optional(request.PlaybookId, MaxShortTextLength, nameof(TicketRequest.PlaybookId), shortened),
            PlaybookTitle = Optional(request.PlaybookTitle, MaxTitleLength, nameof(TicketRequest.PlaybookTitle), shortened),
            Group = Optional(request.Group, MaxShortTextLength, nameof(TicketRequest.Group), shortened) ?? DefaultGroup,
            Priority = NormalizePriority(request.Priority),
            Steps = steps,
            UserWords = Optional(request.UserWords, MaxUserWordsLength, nameof(TicketRequest.UserWords), shortened),
            Findings = findings,
            Attachments = NormalizeAttachments(request.Attachments, shortened),
            CorrelationId = Optional(request.CorrelationId, MaxShortTextLength, nameof(TicketRequest.CorrelationId), shortened),
        };
    }

    /// <summary>Request ids are used verbatim (ordinal); they must be present, at most a key long and well-formed Unicode.</summary>
    public static void ValidateRequestId(string? requestId)
    {
        const string name = $"request.{nameof(TicketRequest.RequestId)}";
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId, name);
        if (requestId.Length > MaxRequestIdLength)
        {
            throw new ArgumentException($"Longer than {MaxRequestIdLength} characters ({requestId.Length}).", name);
        }

        if (!HelpdeskKeys.IsWellFormed(requestId))
        {
            throw new ArgumentException("Not well-formed Unicode (lone surrogate).", name);
        }
    }

    /// <summary><paramref name="text"/> cut to at most <paramref name="max"/> characters, ending in <see cref="TruncationMarker"/> when cut.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var keep = max - TruncationMarker.Length;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), TruncationMarker);
    }

    private static List<TicketStep> NormalizeSteps(IReadOnlyList<TicketStep>? steps, ICollection<string> shortened, out int omitted)
    {
        var present = (steps ?? []).Where(step => step is not null).ToList();
        omitted = Math.Max(0, present.Count - MaxSteps);
        if (omitted > 0)
        {
            shortened.Add(nameof(TicketRequest.Steps));
        }

        return present
            .Skip(omitted)
            .Select(step => step with
            {
                StepId = Clip(step.StepId, MaxShortTextLength, "Steps.StepId", shortened) ?? string.Empty,
                Title = Clip(step.Title, MaxTitleLength, "Steps.Title", shortened) ?? string.Empty,
            })
            .ToList();
    }

    private static List<string> NormalizeFindings(IReadOnlyList<string>? findings, ICollection<string> shortened)
    {
        var present = (findings ?? []).Where(line => !string.IsNullOrWhiteSpace(line)).ToList();
        if (present.Count > MaxFindings)
        {
            shortened.Add(nameof(TicketRequest.Findings));
        }

        return present.Take(MaxFindings).Select(line => Clip(line, MaxFindingLength, nameof(TicketRequest.Findings), shortened)!).ToList();
    }

    /// <summary>Only absolute http(s) links survive: a ticket must never carry a <c>javascript:</c> or <c>file:</c> link to an agent.</summary>
    private static List<TicketAttachment> NormalizeAttachments(IReadOnlyList<TicketAttachment>? attachments, ICollection<string> shortened)
    {
        var linkable = (attachments ?? [])
            .Where(attachment => attachment is not null && IsWebLink(attachment.ContentUrl))
            .ToList();
        if (linkable.Count > MaxAttachments)
        {
            shortened.Add(nameof(TicketRequest.Attachments));
        }

        return linkable
            .Take(MaxAttachments)
            .Select(attachment => attachment with
            {
                Name = Optional(attachment.Name, MaxShortTextLength, "Attachments.Name", shortened) ?? "file",
                ContentType = Optional(attachment.ContentType, MaxShortTextLength, "Attachments.ContentType", shortened) ?? "application/octet-stream",
            })
            .ToList();
    }

    private static bool IsWebLink(string? url) =>
        url is { Length: > 0 and <= MaxUrlLength }
        && Uri.TryCreate(url, UriKind.Absolute, out var parsed)
        && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp);

    private static string NormalizePriority(string? priority)
    {
        var trimmed = priority?.Trim();
        return Priorities.FirstOrDefault(p => string.Equals(p, trimmed, StringComparison.OrdinalIgnoreCase)) ?? DefaultPriority;
    }

    private static string? Optional(string? text, int max, string field, ICollection<string> shortened) =>
        string.IsNullOrWhiteSpace(text) ? null : Clip(text, max, field, shortened);

    private static string? Clip(string? text, int max, string field, ICollection<string> shortened)
    {
        if (text is null)
        {
            return null;
        }

        var wellFormed = HelpdeskKeys.IsWellFormed(text) ? text : ReplaceLoneSurrogates(text);
        if (wellFormed.Length <= max)
        {
            return wellFormed;
        }

        if (!shortened.Contains(field))
        {
            shortened.Add(field);
        }

        return Truncate(wellFormed, max);
    }

    private static string ReplaceLoneSurrogates(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            // EnumerateRunes yields U+FFFD for every lone surrogate.
            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }
}
