// Embeds the CaaBot chat in an intranet page:
//   <div id="caabot-chat" style="height:600px"></div>
//   <script src="https://caabot.intranet.example/chat/embed.js" data-container="caabot-chat" async></script>
// The chat runs in an iframe on the bot's own origin, so tokens never touch the embedding page.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) { return; }
  var origin = new URL(script.src).origin;
  var container = document.getElementById(script.getAttribute('data-container') || 'caabot-chat');
  if (!container) { return; }
  var frame = document.createElement('iframe');
  frame.src = origin + '/chat';
  frame.title = script.getAttribute('data-title') || 'Teams sign-in help chat';
  frame.style.border = '0';
  frame.style.width = '100%';
  frame.style.height = '100%';
  container.appendChild(frame);
}());
