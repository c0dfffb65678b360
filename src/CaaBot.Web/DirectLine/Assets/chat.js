// The /chat page: gets a token for a server-decided user, then renders the official Web Chat on it.
// Query ?transport=polling uses polling instead of the WebSocket (both are tested).
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('caabot-webchat-config').textContent);
  var domain = window.location.origin + config.basePath + '/v3/directline';
  var storageKey = 'caabot.directline';
  var status = document.getElementById('caabot-status');

  function post(path, token) {
    var headers = token ? { Authorization: 'Bearer ' + token } : {};
    return fetch(domain + path, { method: 'POST', headers: headers, credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) { throw new Error(path + ' answered ' + response.status); }
      return response.json();
    });
  }

  // A reload in the same tab continues the same conversation while its token can still be refreshed.
  function session() {
    var saved = null;
    try { saved = JSON.parse(window.sessionStorage.getItem(storageKey) || 'null'); } catch (e) { saved = null; }
    var fresh = function () { return post('/tokens/generate'); };
    return saved && saved.token ? post('/tokens/refresh', saved.token).catch(fresh) : fresh();
  }

  session().then(function (conversation) {
    try { window.sessionStorage.setItem(storageKey, JSON.stringify({ token: conversation.token })); } catch (e) { /* private mode */ }
    var transport = new URLSearchParams(window.location.search).get('transport');
    var directLine = window.WebChat.createDirectLine({ domain: domain, token: conversation.token, webSocket: transport !== 'polling' });
    window.WebChat.renderWebChat({
      directLine: directLine,
      userID: conversation.userId,
      locale: navigator.language || 'en-US',
      styleOptions: {
        accent: config.accentColor,
        backgroundColor: config.backgroundColor,
        bubbleFromUserBackground: config.accentColor,
        bubbleFromUserTextColor: config.accentTextColor,
        botAvatarInitials: config.botInitials,
        botAvatarImage: config.logoUrl || undefined,
        subtle: '#595959',
        timestampColor: '#595959',
        sendTimeout: 60000
      }
    }, document.getElementById('webchat'));
    status.textContent = '';
    var input = document.querySelector('[data-id="webchat-sendbox-input"]');
    if (input) { input.focus(); }
  }).catch(function () {
    status.textContent = 'The chat could not start. Reload the page to try again, or contact the helpdesk.';
  });
}());
