// CaaBot helpdesk console: the live-chat queue and one chat at a time.
// Everything users (or the bot) said is put into the page with textContent only, never as markup.
(function () {
  'use strict';
  var base = document.body.getAttribute('data-base-path') || '';
  var api = base + '/helpdesk/api/live';
  var current = null; // id of the chat on screen
  var me = null; // GET /helpdesk/api/me: who is signed in, and the antiforgery token every POST carries

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function time(value) {
    if (!value) { return ''; }
    var date = new Date(value);
    return isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function call(method, path, body, root) {
    var init = { method: method, credentials: 'same-origin', headers: { 'Accept': 'application/json' } };
    if (method !== 'GET') {
      init.headers[me.antiforgeryHeader] = me.antiforgeryToken;
      if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
    }
    return fetch((root || api) + path, init).then(function (response) {
      if (response.status === 401) {
        window.location.href = base + '/helpdesk/signin?returnUrl=' + encodeURIComponent(base + '/helpdesk/');
        throw new Error('Signed out');
      }
      return response.text().then(function (text) {
        var data = text ? JSON.parse(text) : null;
        if (!response.ok) { throw new Error((data && (data.error || data.title)) || ('The server answered ' + response.status)); }
        return data;
      });
    });
  }

  function showError(error) {
    document.getElementById('error').textContent = error ? error.message : '';
  }

  function renderQueue(queue) {
    var entries = queue.entries;
    document.getElementById('presence').textContent = queue.liveChatOpen
      ? 'Online: users can be offered a chat with you'
      : 'Outside helpdesk hours: users are not offered live chat';
    var list = document.getElementById('queue');
    list.replaceChildren();
    document.getElementById('queue-empty').hidden = entries.length > 0;
    entries.forEach(function (entry) {
      var item = el('li', 'entry entry-' + entry.state + (entry.id === current ? ' selected' : ''));
      var button = el('button', 'entry-open');
      button.type = 'button';
      button.setAttribute('data-session', entry.id);
      button.appendChild(el('strong', 'entry-user', entry.userName));
      button.appendChild(el('span', 'entry-code', entry.errorCode || 'no code'));
      button.appendChild(el('span', 'entry-device', entry.device));
      var state = entry.state === 'waiting' ? 'waiting since ' + time(entry.requestedAt)
        : (entry.mine ? 'with you' : 'with ' + (entry.agentName || 'an agent'));
      button.appendChild(el('span', 'entry-state', state));
      button.addEventListener('click', function () { open(entry.id); });
      item.appendChild(button);
      list.appendChild(item);
    });
  }

  function refreshQueue() {
    return call('GET', '/queue').then(renderQueue).catch(showError);
  }

  function line(list, from, name, text, at) {
    var item = el('li', 'line line-' + from);
    var head = el('div', 'line-head');
    head.appendChild(el('span', 'line-name', name));
    head.appendChild(el('time', 'line-time', time(at)));
    item.appendChild(head);
    item.appendChild(el('div', 'line-text', text));
    list.appendChild(item);
  }

  function fact(summary, term, value) {
    if (value === undefined || value === null || value === '') { return; }
    summary.appendChild(el('dt', null, term));
    summary.appendChild(el('dd', null, value));
  }

  function renderChat(view) {
    var entry = view.entry;
    document.getElementById('chat').hidden = false;
    document.getElementById('chat-title').textContent = entry.userName + ' · ' + entry.ticketNumber;
    var state = entry.state === 'waiting' ? 'Waiting for an agent.'
      : entry.state === 'active' ? (entry.mine ? 'You are chatting with ' + entry.userName + '.' : (entry.agentName || 'Another agent') + ' has this chat.')
      : 'This chat has ended.';
    document.getElementById('chat-state').textContent = state;
    document.getElementById('take').hidden = entry.state !== 'waiting';
    document.getElementById('handback').hidden = !(entry.state === 'active' && entry.mine);
    document.getElementById('close').hidden = !(entry.state === 'active' && entry.mine);
    document.getElementById('say').hidden = !(entry.state === 'active' && entry.mine);

    var summary = document.getElementById('summary');
    summary.replaceChildren();
    fact(summary, 'Error code', entry.errorCode || 'none given');
    fact(summary, 'Device', entry.device);
    fact(summary, 'Guide', entry.playbook);
    fact(summary, 'Priority', entry.priority);
    fact(summary, 'In their words', view.userWords);
    fact(summary, 'Steps tried', view.steps.map(function (step) { return step.title + ': ' + step.outcome; }).join('\n'));
    fact(summary, 'Found', view.findings.join('\n'));
    fact(summary, 'Files', view.files.join(', '));
    fact(summary, 'Email', view.contactEmail);
    fact(summary, 'Phone', view.contactPhone);

    var transcript = document.getElementById('transcript');
    transcript.replaceChildren();
    view.transcript.forEach(function (entryLine) { line(transcript, entryLine.from, entryLine.name, entryLine.text, entryLine.at); });

    var messages = document.getElementById('messages');
    messages.replaceChildren();
    view.messages.forEach(function (message) { line(messages, message.from, message.name, message.text, message.at); });
    messages.scrollTop = messages.scrollHeight;
  }

  function open(id) {
    current = id;
    showError(null);
    return call('GET', '/sessions/' + encodeURIComponent(id)).then(renderChat).then(refreshQueue).catch(showError);
  }

  function act(path) {
    if (!current) { return; }
    showError(null);
    call('POST', '/sessions/' + encodeURIComponent(current) + path).then(function () { return open(current); }).catch(showError);
  }

  document.getElementById('take').addEventListener('click', function () { act('/take'); });
  document.getElementById('handback').addEventListener('click', function () { act('/handback'); });
  document.getElementById('close').addEventListener('click', function () { act('/close'); });
  document.getElementById('say').addEventListener('submit', function (event) {
    event.preventDefault();
    var box = document.getElementById('say-text');
    var text = box.value.trim();
    if (!text || !current) { return; }
    showError(null);
    call('POST', '/sessions/' + encodeURIComponent(current) + '/messages', { text: text })
      .then(function () { box.value = ''; return open(current); })
      .catch(showError);
  });

  function listen() {
    var events = new EventSource(api + '/events');
    events.onopen = refreshQueue;
    events.addEventListener('change', function (event) {
      var change = JSON.parse(event.data);
      refreshQueue();
      if (change.sessionId === current) { open(current); }
    });
    events.onerror = function () {
      document.getElementById('presence').textContent = 'Reconnecting…';
    };
  }

  call('GET', '/me', undefined, base + '/helpdesk/api').then(function (agent) {
    me = agent;
    document.getElementById('agent').textContent = 'Signed in as ' + agent.displayName;
    listen();
    return refreshQueue();
  }).catch(showError);
})();
