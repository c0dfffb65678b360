using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaaBot.LoadDriver.Http;

/// <param name="Name">For the report.</param>
/// <param name="Build">The activity's own fields (text or card submit value), given the replies that completed the previous turn (empty for the first).</param>
/// <param name="Completes">Whether the replies in the response body are the ones this turn expects; if not the turn is an error.</param>
internal sealed record HttpJourneyTurn(string Name, Func<IReadOnlyList<JsonElement>, JsonObject> Build, Func<IReadOnlyList<JsonElement>, bool> Completes);
