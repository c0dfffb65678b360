using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaaBot.LoadDriver;

/// <param name="Name">For the report.</param>
/// <param name="Build">The activity to post, given the reply that completed the previous turn (null for the first).</param>
/// <param name="Completes">Whether a bot reply to the posted activity is the one that ends this turn.</param>
internal sealed record JourneyTurn(string Name, Func<JsonElement?, JsonObject> Build, Func<JsonElement, bool> Completes);
