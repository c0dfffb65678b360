'use strict';
// The peer bot over HTTP, for loopback load tests: CloudAdapter with authentication disabled
// (no app id configured) behind express, bound to 127.0.0.1 only.
// Usage: node server.js <port>
// Send activities with "deliveryMode":"expectReplies" and the replies come back in the 200 body
// as {"activities":[…]}, so a load client needs no connector endpoint of its own.
const express = require('express');
const { CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');
const { createBot } = require('./bot');

const port = Number(process.argv[2] || process.env.PORT || 3978);
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
    console.error(error);
    await context.sendActivity('The peer bot failed on this turn.');
};
const bot = createBot();

const app = express();
app.use(express.json());
app.post('/api/messages', (req, res) => adapter.process(req, res, bot));
app.get('/healthz', (_req, res) => res.send('ok'));

app.listen(port, '127.0.0.1', () => console.log(`botbuilder-js peer listening on http://127.0.0.1:${port}/api/messages`));
