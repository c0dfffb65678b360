using System.Text.Encodings.Web;

namespace CaaBot.Web.HelpdeskConsole.LiveChat;

/// <summary>The console's page: static markup only; everything about users arrives as JSON and is put in as text by console.js.</summary>
internal static class LiveChatConsolePage
{
    public static string Render(string pathBase)
    {
        var basePath = HtmlEncoder.Default.Encode(pathBase);
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="icon" href="data:,">
            <title>CaaBot helpdesk console</title>
            <link rel="stylesheet" href="{basePath}/helpdesk/console.css">
            </head>
            <body data-base-path="{basePath}">
            <header class="console-header">
              <h1>CaaBot helpdesk</h1>
              <nav><a href="{basePath}/helpdesk/" aria-current="page">Live chat</a> <a href="{basePath}/helpdesk/insights">Insights</a> <a href="{basePath}/helpdesk/incidents">Incidents</a></nav>
              <span id="agent" class="agent"></span>
              <span id="presence" class="presence" role="status"></span>
            </header>
            <div class="console">
              <section class="queue" aria-labelledby="queue-title">
                <h2 id="queue-title">Waiting and active chats</h2>
                <p id="queue-empty" class="empty">Nobody is waiting.</p>
                <ul id="queue"></ul>
              </section>
              <section id="chat" class="chat" hidden aria-live="polite">
                <div class="chat-head">
                  <h2 id="chat-title"></h2>
                  <div class="actions">
                    <button id="take" type="button">Take</button>
                    <button id="handback" type="button">Hand back to the bot</button>
                    <button id="close" type="button">Close chat</button>
                  </div>
                </div>
                <p id="chat-state" class="chat-state" role="status"></p>
                <dl id="summary" class="summary"></dl>
                <details open><summary>Conversation with the bot</summary><ol id="transcript" class="transcript"></ol></details>
                <h3>Live chat</h3>
                <ol id="messages" class="messages"></ol>
                <form id="say" class="say">
                  <label for="say-text">Message to the user</label>
                  <textarea id="say-text" rows="3" maxlength="4000" required></textarea>
                  <button type="submit">Send</button>
                </form>
                <p id="error" class="error" role="alert"></p>
              </section>
            </div>
            <script src="{basePath}/helpdesk/console.js"></script>
            </body>
            </html>
            """;
    }
}
