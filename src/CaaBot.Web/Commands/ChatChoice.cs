using System.Text.Json;

namespace CaaBot.Web.Commands;

/// <summary>
/// A numbered option printed under the bot's reply: a suggested action (sent back as text or value) or an
/// Adaptive Card <c>Action.Submit</c> (sent as a card submit: <see cref="Data"/> plus the card's inputs, no text).
/// </summary>
/// <param name="Title">What the user sees and may type instead of the number.</param>
/// <param name="Text">Message text to send, if any.</param>
/// <param name="Data">The action's value (suggested action) or submit data (card); null for none.</param>
/// <param name="Inputs">The card's inputs, prompted for before a submit; empty for suggested actions.</param>
/// <param name="IsCardSubmit">Sent as a card submit: inputs merged into <see cref="Data"/>, no text.</param>
internal sealed record ChatChoice(string Title, string? Text, JsonElement? Data, IReadOnlyList<CardInput> Inputs, bool IsCardSubmit);
