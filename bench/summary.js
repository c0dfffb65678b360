'use strict';
// Reads the JSON the benchmarks of one bench/run-all.sh run wrote into bench/results/ and writes
// bench/results/summary.md (every figure, and each against its target) and bench/results/summary.svg (a chart drawn here
// from the same numbers; no chart library). Run by bench/run-all.sh; by hand: node bench/summary.js [results folder].
const fs = require('fs');
const path = require('path');

const dir = process.argv[2] || path.join(__dirname, 'results');
const read = (name) => {
    const file = path.join(dir, name);
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
};
const engine = read('engine-vs-botbuilder.json');
const http = read('http-load.json');
const directLine = read('directline-websocket-load.json');
const burst = read('burst.json');
// The same load against the host on a throwaway PostgreSQL (bench/run-http-postgres.sh), when that part ran.
const httpPostgres = read('http-load-postgres.json');

const fixed = (value, digits) => (value == null || Number.isNaN(value) ? '—' : Number(value).toFixed(digits));
const ms = (value) => (value == null || Number.isNaN(value) ? '—' : `${fixed(value, value < 10 ? 2 : 1)} ms`);
const int = (value) => (value == null || Number.isNaN(value) ? '—' : Math.round(value).toLocaleString('en-US'));
const kb = (bytes) => (bytes == null || Number.isNaN(bytes) ? '—' : `${fixed(bytes / 1024, 2)} KB`);
const mb = (bytes) => (bytes == null || Number.isNaN(bytes) ? '—' : `${fixed(bytes / 1048576, 1)} MB`);
const verdict = (ok) => (ok == null ? '—' : ok ? '**met**' : '**not met**');

const levels = [...(http ? http.Levels : []), ...(httpPostgres ? httpPostgres.Levels : [])];
const targetsOf = [...new Set(levels.map((level) => level.Target))];
const inMemoryName = targetsOf.find((name) => name === 'CaaBot (in-memory store)');
const postgresName = targetsOf.find((name) => name === 'CaaBot (PostgreSQL)');
const caabotName = targetsOf.find((name) => name.startsWith('CaaBot') && name !== inMemoryName && name !== postgresName);
const peerName = targetsOf.find((name) => name.startsWith('botbuilder'));
const bareName = targetsOf.find((name) => name.startsWith('bare'));
const level = (target, concurrency) => levels.find((l) => l.Target === target && l.Concurrency === concurrency);
const concurrencies = [...new Set(levels.map((l) => l.Concurrency))].sort((a, b) => a - b);

const rows = [];
const lines = [];
const line = (text = '') => lines.push(text);

line('# Benchmark summary: one run of `bench/run-all.sh`');
line();
const machine = http || engine;
line(`Run ${http ? http.StartedAt.slice(0, 16).replace('T', ' ') : new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${http ? `${http.Cpu}, ${http.Cores} cores, .NET ${http.Dotnet}` : `${machine ? machine.cpu : 'unknown CPU'}`}. `
    + `Load average: engine benchmark end ${engine ? engine.load : '—'}; HTTP load ${http ? `${http.LoadAtStart} → ${http.LoadAtEnd}` : '—'}; `
    + `Direct Line ${directLine ? `${directLine.loadAtStart} → ${directLine.loadAtEnd}` : '—'}. A load average near or above the core count means `
    + 'other work shared the CPU: read the ratios, measured in the same minutes, more than the absolute figures.');
line();

// Targets.
if (engine) {
    rows.push(['engine: one 3-step waterfall conversation, botbuilder-js / CaaBot (medians)', `${fixed(engine.ratio, 1)}×`, '≥ 20×', engine.ratio >= 20]);
}
// One row per concurrency: a target's turns per second against another's, and against a threshold when it is a target.
const throughputRows = (ours, theirs, label, digits, suffix, threshold) => {
    for (const c of concurrencies) {
        const a = level(ours, c);
        const b = level(theirs, c);
        if (a && b && b.Turns > 0) {
            const ratio = a.Turns / a.Seconds / (b.Turns / b.Seconds);
            rows.push([label(c), `${fixed(ratio, digits)}${suffix} (${int(a.Turns / a.Seconds)} vs ${int(b.Turns / b.Seconds)})`,
                threshold == null ? '—' : `≥ ${threshold}${suffix}`, threshold == null ? null : ratio >= threshold]);
        }
    }
};
throughputRows(caabotName, peerName, (c) => `HTTP turns/s at concurrency ${c}, CaaBot / botbuilder-js peer`, 1, '×', 10);
throughputRows(postgresName, peerName, (c) => `HTTP turns/s at concurrency ${c}, CaaBot on PostgreSQL / botbuilder-js peer`, 1, '×', 10);
// Not a target: the same host on process memory, as the peer keeps its state; the gap to the SQLite rows is storage.
throughputRows(inMemoryName, peerName, (c) => `(like for like) HTTP turns/s at concurrency ${c}, CaaBot on its in-memory store / botbuilder-js peer on MemoryStorage`, 1, '×', null);
throughputRows(caabotName, bareName, (c) => `HTTP turns/s at concurrency ${c}, CaaBot / bare endpoint`, 3, '', 0.5);
const top = concurrencies.length ? concurrencies[concurrencies.length - 1] : null;
const oursTop = top != null ? level(caabotName, top) : null;
if (oursTop) {
    rows.push([`HTTP p99 at concurrency ${top}, CaaBot on ${http.Storage}`, ms(oursTop.LatencyMs.P99), '≤ 10 ms', oursTop.LatencyMs.P99 <= 10]);
    const bareTop = level(bareName, top);
    if (bareTop) {
        rows.push([`(for scale) HTTP p99 at concurrency ${top}, bare endpoint`, ms(bareTop.LatencyMs.P99), '—', null]);
    }
}
if (http && http.Memory) {
    const m = http.Memory;
    if (m.PersistedBytesPerConversation != null) {
        rows.push([`persisted bytes per active conversation at ${int(m.Conversations)} (SQLite data directory after a checkpoint)`, kb(m.PersistedBytesPerConversation), '≤ 4 KB', m.PersistedBytesPerConversation <= 4096]);
    }
    rows.push([`process RSS with ${int(m.Conversations)} active conversations (growth per conversation)`, `${mb(m.RssAfterBytes)} (${kb(m.RssBytesPerConversation)})`, '—', null]);
}
if (http && http.Startup && http.Startup.FirstAnswerMs.length) {
    const s = http.Startup;
    rows.push([`process start → first answered turn (median of ${s.FirstAnswerMs.length})`, ms(s.MedianFirstAnswerMs), '≤ 1,500 ms', s.MedianFirstAnswerMs <= 1500]);
}
if (burst) {
    rows.push([`outage burst: ${int(burst.Users)} people, one code, ${burst.Concurrency} at once: every answer checked`, `${burst.Errors} errors, ${int(burst.Joined)} joined one incident`, '0 errors', burst.Errors === 0 && burst.Joined > 0]);
    rows.push([`outage burst: p99 turn latency (${int(burst.TurnsPerSecond)} turns/s)`, ms(burst.LatencyMs.P99), '—', null]);
}
line('## Against the targets');
line();
line('| figure | measured | target | |');
line('|---|---:|---:|---|');
for (const [name, value, target, ok] of rows) {
    line(`| ${name} | ${value} | ${target} | ${verdict(ok)} |`);
}
line();
line('![HTTP turns per second and p99 latency by concurrency](summary.svg)');
line();

if (http) {
    line('## HTTP POST /api/messages, expectReplies');
    line();
    line(`Each target is its own process on 127.0.0.1 pinned to CPU ${http.ServerCpus || 'any'}; the driver runs on CPU ${http.DriverCpus}. `
        + `A closed loop: at concurrency C, C conversations are in flight at once, each a new conversation and user running its whole journey, `
        + `for ${http.DurationSeconds} s per level after at least ${http.WarmupSeconds} s of warm-up at concurrency 8 (longer while the target's CPU per turn still fell). Every response is checked. `
        + `CaaBot runs the real host (Release, Development, anonymous, ${http.Storage}) on the 0xCAA20003 journey (greeting → code → "not this PC" → `
        + 'step 1 "Still broken, next step" → step 2 "That fixed it" → "Yes" → 4-star rating, 7 turns); the peer runs botbuilder-js 4.23.3 '
        + '`CloudAdapter` with the engine benchmark\'s 3-step waterfall (3 turns); the bare endpoint parses the activity and returns one fixed reply.'
        + (inMemoryName ? ' "CaaBot (in-memory store)" is the same host and journey with `CaaBot__Storage=InMemory`: state in process memory, as the peer keeps it in `MemoryStorage`.' : '')
        + (postgresName ? ` "CaaBot (PostgreSQL)" is the same host and journey on a throwaway local PostgreSQL 15 pinned to the host's CPU (\`bench/run-http-postgres.sh\`, \`synchronous_commit=off\` like SQLite's \`synchronous=NORMAL\`; load average ${httpPostgres.LoadAtStart} → ${httpPostgres.LoadAtEnd}).` : ''));
    line();
    line('| target | concurrency | turns/s | p50 | p95 | p99 | max | target CPU per turn | journeys | errors |');
    line('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const l of levels) {
        line(`| ${l.Target} | ${l.Concurrency} | ${int(l.Turns / l.Seconds)} | ${ms(l.LatencyMs.P50)} | ${ms(l.LatencyMs.P95)} | ${ms(l.LatencyMs.P99)} | ${ms(l.LatencyMs.Max)} | ${ms(l.TargetCpuSeconds * 1000 / l.Turns)} | ${int(l.Journeys)} | ${l.Errors} |`);
    }
    line();
    line('At concurrency C a closed loop\'s latency is at least C ÷ turns per second (Little\'s law): the p99 target at 64 needs about '
        + `${int(64 / 0.010)} turns/s; the bare endpoint reached ${bareName && level(bareName, top) ? int(level(bareName, top).Turns / level(bareName, top).Seconds) : '—'} on this machine.`);
    line();
}

if (http && http.Memory) {
    const m = http.Memory;
    line('## Memory and storage with active conversations');
    line();
    line(`A fresh host; ${int(m.Conversations)} conversations, each through the first ${m.TurnsEach} turns of the journey (left at the step 1 card), 64 at once; `
        + `${m.Errors} errors. RSS from /proc/<pid>/status; the data directory measured after \`PRAGMA wal_checkpoint(TRUNCATE)\`.`);
    line();
    line('| | before | after | per conversation |');
    line('|---|---:|---:|---:|');
    line(`| RSS | ${mb(m.RssBeforeBytes)} | ${mb(m.RssAfterBytes)} | ${kb(m.RssBytesPerConversation)} |`);
    line(`| persisted | ${kb(m.PersistedBeforeBytes)} | ${mb(m.PersistedAfterBytes)} | ${kb(m.PersistedBytesPerConversation)} |`);
    if (m.Tables && m.Tables.length) {
        line();
        line('Where the bytes are (SQLite `dbstat`): ' + m.Tables.filter((t) => t.Bytes > 8192).map((t) => `${t.Name} ${mb(t.Bytes)}`).join(', ') + '.');
    }
    line();
}

if (http && http.Startup) {
    const s = http.Startup;
    line('## Start to first answer');
    line();
    line(`\`dotnet src/CaaBot.Web/bin/Release/net10.0/CaaBot.Web.dll\` (Development, fresh SQLite directory each run) started by the driver, which posts "hi" `
        + 'every 10 ms until one is answered with the greeting: ' + s.FirstAnswerMs.map((v) => ms(v)).join(', ')
        + ` (median ${ms(s.MedianFirstAnswerMs)}). The first answer needs the host ready (\`/readyz\` answers at about the same moment),`
        + ' so this is the start-up itself; a busy machine stretches it most, since start-up is mostly first-time JIT on one core.');
    line();
}

if (engine) {
    line('## Engine vs botbuilder-js, in process');
    line();
    line('| implementation | median per conversation | mean | allocated |');
    line('|---|---:|---:|---:|');
    line(`| CaaBot engine (.NET ${engine.ours.dotnet}) | ${fixed(engine.ours.medianMsPerConversation, 4)} ms | ${fixed(engine.ours.meanMsPerConversation, 4)} ms | ${engine.ours.allocatedBytesPerConversation} B |`);
    line(`| botbuilder-js ${engine.peer.version} (node ${engine.peer.node}) | ${fixed(engine.peer.medianBatchMsPerConversation, 4)} ms | ${fixed(engine.peer.meanMsPerConversation, 4)} ms | — |`);
    line(`| **ratio (peer / ours)** | **${fixed(engine.ratio, 1)}×** | **${fixed(engine.meanRatio, 1)}×** | target ≥ 20× |`);
    line();
    line('Details: [engine-vs-botbuilder.md](engine-vs-botbuilder.md).');
    line();
}

if (directLine) {
    line('## Direct Line over WebSocket');
    line();
    line(`N conversations open at once, a 3-turn journey on each with ${directLine.JourneyConcurrency} mid-journey at once; details in [directline-websocket-load.md](directline-websocket-load.md).`);
    line();
    line('| target | N | connected | round trip p50 | p99 | turns/s | CPU per turn | memory per connection | errors / timeouts |');
    line('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of directLine.results) {
        const perConnection = r.Connected > 0 ? (r.RssConnectedBytes - r.RssBeforeBytes) / r.Connected : NaN;
        line(`| ${r.Target} | ${int(r.Connections)} | ${int(r.Connected)} | ${ms(r.RoundTripMs.P50)} | ${ms(r.RoundTripMs.P99)} | ${int(r.TurnsCompleted / r.JourneySeconds)} | `
            + `${ms(r.JourneyCpuSeconds * 1000 / r.TurnsCompleted)} | ${kb(perConnection)} | ${r.ConnectErrors + r.TurnErrors} / ${r.Timeouts} |`);
    }
    line();
}

if (burst) {
    line('## Outage burst');
    line();
    line(`A fresh host (${burst.Storage}, incident threshold ${burst.Threshold}), warmed up, then ${int(burst.Users)} people report the same code and go straight `
        + `to a person (code → "agent" → "Send to helpdesk", 3 turns each), ${burst.Concurrency} at once, as fast as the host answers; every answer is checked. `
        + `Load average ${burst.LoadAtStart} → ${burst.LoadAtEnd}.`);
    line();
    line('| people | wall time | turns/s | p50 | p95 | p99 | max | escalation turn p50 / p99 | own tickets | joined the incident | errors |');
    line('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    line(`| ${int(burst.Users)} | ${fixed(burst.Seconds, 1)} s | ${int(burst.TurnsPerSecond)} | ${ms(burst.LatencyMs.P50)} | ${ms(burst.LatencyMs.P95)} | ${ms(burst.LatencyMs.P99)} | `
        + `${ms(burst.LatencyMs.Max)} | ${ms(burst.EscalationLatencyMs.P50)} / ${ms(burst.EscalationLatencyMs.P99)} | ${int(burst.OwnTickets)} | ${int(burst.Joined)} | ${burst.Errors} |`);
    line();
}

fs.writeFileSync(path.join(dir, 'summary.md'), lines.join('\n'));
fs.writeFileSync(path.join(dir, 'summary.svg'), chart());
console.log(lines.join('\n'));
console.log(`wrote ${path.join(dir, 'summary.md')} and summary.svg`);

// Two panels drawn from the HTTP levels: turns per second (log scale) and p99 latency (log scale), one group of bars
// per concurrency, one colour per target; the targets' thresholds as dashed lines where they apply.
function chart() {
    const width = 900;
    const height = 380;
    const panelWidth = 400;
    const top = 60;
    const plotHeight = 240;
    const colours = ['#8a8f98', '#d9822b', '#2b6cb0', '#68a0d8', '#38a169'];
    const targets = [bareName, peerName, caabotName, inMemoryName, postgresName].filter(Boolean);
    const esc = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const out = [];
    out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`);
    out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
    out.push(`<text x="20" y="24" font-size="15" font-weight="bold">POST /api/messages (expectReplies), ${esc(http ? `${http.Cores} cores, load ${http.LoadAtStart} → ${http.LoadAtEnd}` : 'no data')}</text>`);
    const panel = (x0, title, value, threshold, thresholdLabel) => {
        const values = levels.map(value).filter((v) => v > 0);
        if (!values.length) {
            return;
        }
        const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...values, threshold || Infinity))));
        const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...values, threshold || 0))));
        const y = (v) => top + plotHeight - (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * plotHeight;
        out.push(`<text x="${x0}" y="${top - 14}" font-weight="bold">${esc(title)}</text>`);
        for (let decade = lo; decade <= hi * 1.0001; decade *= 10) {
            out.push(`<line x1="${x0 + 40}" x2="${x0 + panelWidth}" y1="${y(decade)}" y2="${y(decade)}" stroke="#e2e8f0"/>`);
            out.push(`<text x="${x0 + 36}" y="${y(decade) + 4}" text-anchor="end" fill="#4a5568">${esc(decade >= 1 ? decade.toLocaleString('en-US') : decade)}</text>`);
        }
        const groupWidth = (panelWidth - 50) / Math.max(concurrencies.length, 1);
        const barWidth = (groupWidth - 16) / Math.max(targets.length, 1);
        concurrencies.forEach((c, g) => {
            const gx = x0 + 48 + g * groupWidth;
            targets.forEach((t, i) => {
                const l = level(t, c);
                const v = l ? value(l) : 0;
                if (!(v > 0)) {
                    return;
                }
                const bx = gx + i * barWidth;
                out.push(`<rect x="${bx.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${(top + plotHeight - y(v)).toFixed(1)}" fill="${colours[i]}"><title>${esc(`${t}, concurrency ${c}: ${fixed(v, v < 10 ? 2 : 0)}`)}</title></rect>`);
                out.push(`<text x="${(bx + barWidth / 2 - 1).toFixed(1)}" y="${(y(v) - 3).toFixed(1)}" text-anchor="middle" font-size="9" fill="#2d3748">${esc(v < 10 ? fixed(v, 1) : int(v))}</text>`);
            });
            out.push(`<text x="${(gx + (groupWidth - 16) / 2).toFixed(1)}" y="${top + plotHeight + 16}" text-anchor="middle">concurrency ${c}</text>`);
        });
        if (threshold) {
            out.push(`<line x1="${x0 + 40}" x2="${x0 + panelWidth}" y1="${y(threshold)}" y2="${y(threshold)}" stroke="#c53030" stroke-dasharray="5,4"/>`);
            out.push(`<text x="${x0 + panelWidth}" y="${y(threshold) - 4}" text-anchor="end" fill="#c53030" font-size="10">${esc(thresholdLabel)}</text>`);
        }
    };
    panel(20, 'turns per second (log scale, higher is better)', (l) => l.Turns / l.Seconds);
    panel(470, 'p99 latency in ms (log scale, lower is better)', (l) => l.LatencyMs.P99, 10, 'target for CaaBot at 64: 10 ms');
    targets.forEach((t, i) => {
        out.push(`<rect x="${20 + i * 178}" y="${height - 30}" width="12" height="12" fill="${colours[i]}"/>`);
        out.push(`<text x="${36 + i * 178}" y="${height - 20}" font-size="11">${esc(t)}</text>`);
    });
    out.push('</svg>');
    return out.join('\n') + '\n';
}
