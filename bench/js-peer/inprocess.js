'use strict';
// In-process benchmark of the peer: N whole conversations ("hi" → name prompt, name → count prompt,
// number → summary) through botbuilder's TestAdapter, sequentially, after a warm-up.
// Usage: node inprocess.js [--conversations N] [--warmup W] [--batches B]
// Prints one JSON line on stdout (the contract bench/run-engine-vs-botbuilder.sh reads).
const { TestAdapter } = require('botbuilder-core');
const { createBot, NAME_PROMPT, COUNT_PROMPT, summary } = require('./bot');

function argument(name, fallback) {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

const conversations = argument('conversations', 5000);
const warmup = argument('warmup', 3000);
const batches = Math.max(1, Math.min(argument('batches', 10), conversations));

// A fresh bot and MemoryStorage every so often, as the .NET side swaps its store: every conversation is new, and
// finished conversations must not pile up in one heap and slow the later ones (V8's old-space GC grows with them).
const CONVERSATIONS_PER_STORE = 4096;
let adapter = new TestAdapter(createBot());
let conversationsInStore = 0;

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
    if (++conversationsInStore > CONVERSATIONS_PER_STORE) {
        adapter = new TestAdapter(createBot());
        conversationsInStore = 1;
    }
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
    // Timed in batches as well as overall: the median batch is robust to another process stealing the CPU for a
    // moment, like BenchmarkDotNet's median over iterations on the .NET side.
    const batchMeans = [];
    const started = process.hrtime.bigint();
    for (let batch = 0, done = 0; batch < batches; batch++) {
        const size = Math.floor((conversations * (batch + 1)) / batches) - done;
        const batchStarted = process.hrtime.bigint();
        for (let i = 0; i < size; i++) {
            await conversation(done + i);
        }
        done += size;
        batchMeans.push(Number(process.hrtime.bigint() - batchStarted) / 1e6 / size);
    }
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    const meanMs = elapsedMs / conversations;
    const sorted = [...batchMeans].sort((a, b) => a - b);
    const medianMs = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    console.log(
        JSON.stringify({
            peer: 'botbuilder-js',
            version: require('botbuilder-core/package.json').version,
            node: process.version,
            scenario: 'waterfall-3-step',
            conversations,
            warmupConversations: warmup,
            batches,
            meanMsPerConversation: Number(meanMs.toFixed(4)),
            medianBatchMsPerConversation: Number(medianMs.toFixed(4)),
            turnsPerSecond: Math.round((conversations * 3) / (elapsedMs / 1000)),
            ...(process.env.PEER_DEBUG ? { batchMeans: batchMeans.map((m) => Number(m.toFixed(3))) } : {}),
        })
    );
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
