// The /chat page: gets a token for a server-decided user, then renders the official Web Chat on it.
// Query ?transport=polling uses polling instead of the WebSocket (both are tested).
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('caabot-webchat-config').textContent);
  var domain = window.location.origin + config.basePath + '/v3/directline';
  var storageKey = 'caabot.directline';
  var reloadsKey = 'caabot.directline.reloads';
  var status = document.getElementById('caabot-status');
  var polling = new URLSearchParams(window.location.search).get('transport') === 'polling';
  // How long polling may go quiet before the page assumes DirectLineJS has stopped it (it polls about once a second).
  var pollingStallMs = 20000;
  var startAttempts = 0;
  var maxStartAttempts = 20;

  function post(path, token) {
    var headers = token ? { Authorization: 'Bearer ' + token } : {};
    return fetch(domain + path, { method: 'POST', headers: headers, credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) {
        var error = new Error(path + ' answered ' + response.status);
        error.status = response.status;
        throw error;
      }
      return response.json();
    });
  }

  // A reload in the same tab continues the same conversation while its token can still be refreshed. Only a refused
  // token (401/403: expired or not ours) starts a new conversation; while the server is unreachable or busy, the
  // start is retried, so a restart of the bot does not cost the user their conversation.
  function session() {
    var saved = null;
    try { saved = JSON.parse(window.sessionStorage.getItem(storageKey) || 'null'); } catch (e) { saved = null; }
    var fresh = function () { return post('/tokens/generate'); };
    if (!saved || !saved.token) { return fresh(); }
    return post('/tokens/refresh', saved.token).catch(function (error) {
      if (error.status === 401 || error.status === 403) { return fresh(); }
      throw error;
    });
  }

  // DirectLineJS stops polling for good after one failed poll (a restart of the bot, a proxy's 502) and reports
  // nothing, so the chat would silently stop showing answers. In polling mode the page watches its own polls and,
  // when they stop, reloads: the tab's token continues the conversation with its whole history.
  function watchPolling() {
    if (!('PerformanceObserver' in window)) { return; }
    var polls = domain + '/conversations/';
    var lastPoll = Date.now();
    new window.PerformanceObserver(function (list) {
      list.getEntries().forEach(function (entry) {
        if (entry.name.indexOf(polls) === 0 && entry.name.indexOf('/activities?watermark=') > 0) { lastPoll = Date.now(); }
      });
    }).observe({ type: 'resource', buffered: true });
    // Hidden tabs have their timers throttled: give polling time to resume before judging it.
    document.addEventListener('visibilitychange', function () { lastPoll = Date.now(); });
    var watchdog = window.setInterval(function () {
      if (window.performance && window.performance.clearResourceTimings) { window.performance.clearResourceTimings(); }
      if (document.visibilityState === 'visible' && Date.now() - lastPoll > pollingStallMs) {
        window.clearInterval(watchdog);
        reloadOrGiveUp();
      }
    }, 2000);
  }

  // At most a few automatic reloads per tab in a while, so a conversation that cannot be polled never loops.
  function reloadOrGiveUp() {
    var now = Date.now();
    var recent = [];
    try { recent = JSON.parse(window.sessionStorage.getItem(reloadsKey) || '[]').filter(function (t) { return now - t < 300000; }); } catch (e) { recent = []; }
    if (recent.length >= 3) {
      status.textContent = 'The connection to the chat was lost. Reload the page to try again, or contact the helpdesk.';
      return;
    }
    recent.push(now);
    try { window.sessionStorage.setItem(reloadsKey, JSON.stringify(recent)); } catch (e) { /* private mode */ }
    status.textContent = 'Reconnecting…';
    window.location.reload();
  }

  function render(conversation) {
    try { window.sessionStorage.setItem(storageKey, JSON.stringify({ token: conversation.token })); } catch (e) { /* private mode */ }
    var directLine = window.WebChat.createDirectLine({ domain: domain, token: conversation.token, webSocket: !polling });
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
    if (polling) { watchPolling(); }
    var input = document.querySelector('[data-id="webchat-sendbox-input"]');
    if (input) { input.focus(); }
  }

  function start() {
    startAttempts++;
    session().then(render).catch(function () {
      if (startAttempts < maxStartAttempts) {
        status.textContent = 'Connecting to the chat…';
        window.setTimeout(start, Math.min(1000 * startAttempts, 10000));
        return;
      }
      status.textContent = 'The chat could not start. Reload the page to try again, or contact the helpdesk.';
    });
  }

  start();
}());
