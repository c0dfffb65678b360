#!/usr/bin/env bash
# Times one whole in-process conversation of the same 3-step waterfall (text prompt, number prompt, summary)
# in CaaBot's engine (BenchmarkDotNet, Release) and in the botbuilder-js 4.23.3 peer (node), on this machine,
# in this run; prints both means and the ratio and writes bench/results/engine-vs-botbuilder.md (and .json).
#
# Usage: bench/run-engine-vs-botbuilder.sh
# Environment: PEER_CONVERSATIONS (default 5000), PEER_WARMUP (default 3000).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
peer_dir="$root/bench/js-peer"
results_dir="$root/bench/results"
logs_dir="$results_dir/logs"
mkdir -p "$logs_dir"

if [[ ! -d "$peer_dir/node_modules" ]]; then
    echo "== Installing the botbuilder-js peer (npm ci in bench/js-peer)"
    # botbuilder-dialogs' install script calls npx, which ~/.npmrc's yes=false would otherwise block.
    (cd "$peer_dir" && npm_config_yes=true npm ci --no-audit --no-fund)
fi

echo "== CaaBot engine: BenchmarkDotNet (Release, short in-process job)"
dotnet build "$root/bench/CaaBot.Benchmarks/CaaBot.Benchmarks.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >"$logs_dir/build.log" 2>&1 \
    || { cat "$logs_dir/build.log"; exit 1; }
dotnet "$root/bench/CaaBot.Benchmarks/bin/Release/net10.0/CaaBot.Benchmarks.dll" "$logs_dir/BenchmarkDotNet.Artifacts" \
    >"$logs_dir/caabot-benchmarkdotnet.log" 2>&1 \
    || { tail -50 "$logs_dir/caabot-benchmarkdotnet.log"; exit 1; }
sed -n '/^| Method/,/^$/p' "$logs_dir/caabot-benchmarkdotnet.log"
ours_json="$(grep '"scenario":"waterfall-3-step"' "$logs_dir/caabot-benchmarkdotnet.log" | tail -1)"

echo "== botbuilder-js peer: node inprocess.js"
peer_json="$(cd "$peer_dir" && node inprocess.js --conversations "${PEER_CONVERSATIONS:-5000}" --warmup "${PEER_WARMUP:-3000}" | tail -1)"
echo "$peer_json"

OURS="$ours_json" PEER="$peer_json" OUT="$results_dir/engine-vs-botbuilder.md" \
CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" CORES="$(nproc)" LOAD="$(cut -d' ' -f1-3 /proc/loadavg)" \
node - <<'JS'
const fs = require('fs');
const ours = JSON.parse(process.env.OURS);
const peer = JSON.parse(process.env.PEER);
// Medians (over BenchmarkDotNet iterations / over the peer's batches) are the headline: on a shared machine a
// moment of someone else's load moves a mean a lot and a median little. Means are reported beside them.
const ratio = peer.medianBatchMsPerConversation / ours.medianMsPerConversation;
const meanRatio = peer.meanMsPerConversation / ours.meanMsPerConversation;
const ms = (v) => `${v.toFixed(4)} ms`;
const verdict = ratio >= 20 ? 'met' : 'NOT met';
console.log('');
console.log(`CaaBot engine   : median ${ms(ours.medianMsPerConversation)}, mean ${ms(ours.meanMsPerConversation)} per conversation (${ours.allocatedBytesPerConversation} B allocated)`);
if (ours.pipelineOnlyMsPerConversation != null) console.log(`  turn pipeline alone (same 3 turns, no dialog): mean ${ms(ours.pipelineOnlyMsPerConversation)}`);
console.log(`botbuilder-js   : median ${ms(peer.medianBatchMsPerConversation)}, mean ${ms(peer.meanMsPerConversation)} per conversation`);
console.log(`ratio peer/ours : ${ratio.toFixed(1)}x on medians, ${meanRatio.toFixed(1)}x on means  (target >= 20x: ${verdict})`);
const md = `# Engine vs botbuilder-js: one whole 3-step waterfall conversation, in process

Produced by \`bench/run-engine-vs-botbuilder.sh\` on ${new Date().toISOString()}.
Machine: ${process.env.CPU}, ${process.env.CORES} cores, load average at the end of the run ${process.env.LOAD}
(anything near or above the core count means other work shared the CPU and the numbers are noisy).

Scenario: "hi" → text prompt "What's your name?", name → number prompt "How many devices?", number → "Thanks {name},
{n} device(s) noted.". Every conversation is new; state is serialized and stored on every turn (CaaBot:
\`TurnProcessor\` over \`InMemoryDocumentStore\`; peer: \`ConversationState\` over \`MemoryStorage\`); every reply is checked.

| Implementation | Runtime | Median per conversation | Mean per conversation | Measured with |
|---|---|---:|---:|---|
| CaaBot engine (WaterfallDialog, TextPrompt, NumberPrompt&lt;int&gt;, TurnProcessor) | .NET ${ours.dotnet} | ${ms(ours.medianMsPerConversation)} | ${ms(ours.meanMsPerConversation)} (sd ${ms(ours.stdDevMs)}) | BenchmarkDotNet, median/mean over ${ours.iterations} iterations; ${ours.allocatedBytesPerConversation} B allocated per conversation |
| botbuilder-js ${peer.version} (WaterfallDialog, TextPrompt, NumberPrompt, TestAdapter) | node ${peer.node} | ${ms(peer.medianBatchMsPerConversation)} | ${ms(peer.meanMsPerConversation)} | ${peer.conversations} sequential conversations in ${peer.batches} batches (median batch / overall mean) after ${peer.warmupConversations} warm-up |

${ours.pipelineOnlyMsPerConversation != null ? `For scale: the same three turns through CaaBot's \`TurnProcessor\` with a bot that answers a fixed text and runs no
dialog take ${ms(ours.pipelineOnlyMsPerConversation)} (mean), so the turn pipeline (state load/commit, redelivery ids,
delivery) is about ${(100 * ours.pipelineOnlyMsPerConversation / ours.meanMsPerConversation).toFixed(0)}% of a whole conversation and the dialog layer the rest.

` : ''}**Ratio (peer / ours): ${ratio.toFixed(1)}× on medians** (${meanRatio.toFixed(1)}× on means). The target is ≥ 20×:
${ratio >= 20 ? 'met' : '**not met**'} in this run.
`;
fs.writeFileSync(process.env.OUT, md);
// The same figures as JSON, for bench/summary.js (bench/run-all.sh).
fs.writeFileSync(process.env.OUT.replace(/\.md$/, '.json'), JSON.stringify({ ours, peer, ratio, meanRatio, load: process.env.LOAD, cpu: process.env.CPU, cores: Number(process.env.CORES), at: new Date().toISOString() }, null, 2));
console.log(`wrote ${process.env.OUT}`);
JS
