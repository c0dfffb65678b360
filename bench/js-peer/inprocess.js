'use strict';
// In-process benchmark of the peer: N whole conversations ("hi" → name prompt, name → count prompt,
// number → summary) through botbuilder's TestAdapter, sequentially, after a warm-up.
// Usage: node inprocess.js [--conversations N] [--warmup W]
// Prints one JSON line on stdout (the contract bench/run-engine-vs-botbuilder.sh reads).
const { TestAdapter } = require('botbuilder-core');
const { createBot, NAME_PROMPT, COUNT_PROMPT, summary } = require('./bot');

function argument(name, fallback) {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

const conversations = argument('conversations', 5000);
const warmup = argument('warmup', 1000);

const adapter = new TestAdapter(createBot());

// Drives one turn and checks the single reply; reading activeQueue directly (instead of
// TestFlow.assertReply, which polls with setTimeout) keeps timer latency out of the peer's numbers.
async function turn(conversationId, text, expected) {
    await adapter.processActivity({
        type: 'message',
        text,
        conversation: { id: conversationId },
    });
    const replies = adapter.activeQueue.splice(0);
    if (replies.length !== 1 || replies[0].text !== expected) {
        throw new Error(`conversation ${conversationId}: expected "${expected}", got ${JSON.stringify(replies.map((r) => r.text))}`);
    }
}

async function conversation(index) {
    const id = `conversation-${index}`;
    const name = `User${index}`;
    const count = (index % 9) + 1;
    await turn(id, 'hi', NAME_PROMPT);
    await turn(id, name, COUNT_PROMPT);
    await turn(id, String(count), summary(name, count));
}

async function main() {
    for (let i = 0; i < warmup; i++) {
        await conversation(-1 - i);
    }
    const started = process.hrtime.bigint();
    for (let i = 0; i < conversations; i++) {
        await conversation(i);
    }
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    const meanMs = elapsedMs / conversations;
    console.log(
        JSON.stringify({
            peer: 'botbuilder-js',
            version: require('botbuilder-core/package.json').version,
            node: process.version,
            scenario: 'waterfall-3-step',
            conversations,
            warmupConversations: warmup,
            meanMsPerConversation: Number(meanMs.toFixed(4)),
            turnsPerSecond: Math.round((conversations * 3) / (elapsedMs / 1000)),
        })
    );
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
