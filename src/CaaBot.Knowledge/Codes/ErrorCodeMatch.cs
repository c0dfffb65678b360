namespace CaaBot.Knowledge.Codes;

/// <summary>
/// One code found in a message: the code and where it was written, so the bot can quote the user's own
/// spelling back ("you wrote <c>CAA2 0003</c>") or ask which of several codes they mean.
/// </summary>
/// <param name="Code">The normalized code.</param>
/// <param name="Index">Where the code's text starts in the message (UTF-16 offset).</param>
/// <param name="Length">How many characters of the message the code's text spans.</param>
/// <param name="Text">The text as the user wrote it.</param>
public sealed record ErrorCodeMatch(ErrorCode Code, int Index, int Length, string Text);
