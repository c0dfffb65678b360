// A Direct Line journey with the official DirectLineJS client (botframework-directlinejs) under node, against a
// running CaaBot host. Usage: node directline-journey.js <origin> <websocket|polling>
// 1. token from /tokens/generate → conversation → "hi" (posted with a forged from.id and a clientActivityID)
// 2. the connection is dropped (end()); meanwhile another message is posted over plain HTTP
// 3. a new client reconnects with the refreshed token, the conversation id and the last watermark, then says "Grace"
// Prints one JSON object: what each client received, and the server's full history, for the test to compare.
'use strict';
global.XMLHttpRequest = require('xhr2'); // DirectLineJS uses rxjs ajax over XMLHttpRequest
global.WebSocket = require('ws'); // and needs WebSocket defined even when polling
const { DirectLine } = require('botframework-directlinejs');

const [, , origin, mode] = process.argv;
const domain = `${origin}/v3/directline`;
const webSocket = mode === 'websocket';

function summary(activity) {
  return {
    id: activity.id,
    type: activity.type,
    role: activity.from && activity.from.role,
    fromId: activity.from && activity.from.id,
    channelId: activity.channelId,
    conversationId: activity.conversation && activity.conversation.id,
    timestamp: activity.timestamp,
    replyToId: activity.replyToId,
    clientActivityID: activity.channelData && activity.channelData.clientActivityID,
    text: activity.text,
  };
}

function until(predicate, label, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const found = predicate();
      if (found) { clearInterval(timer); resolve(found); } else if (Date.now() - started > timeoutMs) { clearInterval(timer); reject(new Error(`timed out waiting for ${label}`)); }
    }, 50);
  });
}

function post(directLine, activity) {
  return new Promise((resolve, reject) => directLine.postActivity(activity).subscribe(resolve, reject));
}

async function json(path, token, body) {
  const response = await fetch(`${domain}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: Object.assign({ 'Content-Type': 'application/json' }, token ? { Authorization: `Bearer ${token}` } : {}),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) { throw new Error(`${path} answered ${response.status}`); }
  return response.json();
}

async function main() {
  const generated = await json('/tokens/generate', null, {});
  const first = new DirectLine({ token: generated.token, domain, webSocket, pollingInterval: 200 });
  const received1 = [];
  first.activity$.subscribe((activity) => received1.push(activity), () => { /* end() completes the stream with "conversation ended" */ });
  await until(() => received1.find((a) => a.from.role === 'bot'), 'the welcome');
  const hiId = await post(first, { type: 'message', from: { id: 'somebody-else', name: 'Ada' }, text: 'hi', channelData: { clientActivityID: 'client-hi-1' } });
  await until(() => received1.find((a) => a.id === hiId), 'the echo of hi');
  await until(() => received1.find((a) => a.from.role === 'bot' && a.replyToId === hiId), 'the reply to hi');
  const watermark = first.watermark;
  const token = first.token || generated.token;
  first.end();

  // While no client is connected, the conversation goes on (another tab, another device).
  const offline = await json(`/conversations/${generated.conversationId}/activities`, token, { type: 'message', from: { id: 'x' }, text: 'offline message', channelData: { clientActivityID: 'client-offline-1' } });

  const refreshed = await json('/tokens/refresh', token, {});
  const second = new DirectLine({ token: refreshed.token, conversationId: generated.conversationId, watermark, domain, webSocket, pollingInterval: 200 });
  const received2 = [];
  second.activity$.subscribe((activity) => received2.push(activity), () => { /* likewise */ });
  await until(() => received2.find((a) => a.from.role === 'bot' && a.replyToId === offline.id), 'the reply to the offline message after reconnecting');
  const graceId = await post(second, { type: 'message', from: { id: generated.userId }, text: 'Grace', channelData: { clientActivityID: 'client-grace-1' } });
  await until(() => received2.find((a) => a.from.role === 'bot' && a.replyToId === graceId), 'the reply to Grace');
  second.end();

  const history = await json(`/conversations/${generated.conversationId}/activities?watermark=`, refreshed.token);
  process.stdout.write(JSON.stringify({
    mode,
    conversationId: generated.conversationId,
    userId: generated.userId,
    watermarkAtDrop: watermark,
    hiId,
    offlineId: offline.id,
    graceId,
    received1: received1.map(summary),
    received2: received2.map(summary),
    history: history.activities.map(summary),
  }));
}

main().then(() => process.exit(0), (error) => { process.stderr.write(`${error.stack || error}\n`); process.exit(1); });
