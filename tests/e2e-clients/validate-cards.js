#!/usr/bin/env node
// Parses Adaptive Cards with the official renderer (adaptivecards 3.0.6) and reports every parse and
// validation event. Input: a JSON array of cards, from the file named by the first argument or from stdin.
// Output (stdout): {"cards":[{"index":0,"errors":[…],"warnings":[…]}],"errorCount":n,"warningCount":n}.
// Exit code: 0 when no card has errors, 1 when some do, 2 when the input cannot be read.
"use strict";

const fs = require("fs");
const path = require("path");

function exposeDom() {
  // The package's main entry fails under node; its dist bundle works once a DOM is global.
  const { JSDOM } = require("jsdom");
  const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>");
  const win = dom.window;
  global.window = win;
  global.document = win.document;
  Object.defineProperty(global, "navigator", { value: win.navigator, configurable: true, writable: true });
  for (const name of Object.getOwnPropertyNames(win)) {
    if ((/^HTML.*Element$/.test(name) || ["Element", "Node", "Text", "DocumentFragment", "Event", "KeyboardEvent", "MouseEvent", "DOMParser"].includes(name))
      && !(name in global)) {
      global[name] = win[name];
    }
  }
}

// The renderer logs to the console; keep stdout for the report alone.
console.log = (...args) => process.stderr.write(args.map(String).join(" ") + "\n");

// What the renderer accepts but our hosts do not: Teams renders up to 1.5, and the bot reads submits as objects.
function hostChecks(json) {
  const problems = [];
  const version = typeof json.version === "string" ? json.version.split(".").map(Number) : null;
  if (!version || version.length !== 2 || version.some(Number.isNaN) || version[0] > 1 || (version[0] === 1 && version[1] > 5)) {
    problems.push({ phase: "Host", event: "UnsupportedCardVersion", message: `Teams renders Adaptive Cards up to 1.5; got version ${JSON.stringify(json.version)}.` });
  }
  const walk = (node, where) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, `${where}[${i}]`));
    } else if (node && typeof node === "object") {
      if (node.type === "Action.Submit" && (node.data === null || typeof node.data !== "object" || Array.isArray(node.data))) {
        problems.push({ phase: "Host", event: "SubmitDataNotObject", message: `${where}: Action.Submit data must be an object.` });
      }
      if (node.type === "Action.Execute") {
        problems.push({ phase: "Host", event: "UnsupportedAction", message: `${where}: Web Chat has no Action.Execute.` });
      }
      for (const [key, child] of Object.entries(node)) {
        if (key !== "data") {
          walk(child, `${where}.${key}`);
        }
      }
    }
  };
  walk(json, "$");
  return problems;
}

function readInput() {
  const file = process.argv[2];
  const text = file && file !== "-" ? fs.readFileSync(file, "utf8") : fs.readFileSync(0, "utf8");
  const cards = JSON.parse(text);
  if (!Array.isArray(cards)) {
    throw new Error("input must be a JSON array of Adaptive Card objects");
  }
  return cards;
}

function describe(AC, event) {
  return {
    phase: AC.ValidationPhase[event.phase] ?? String(event.phase),
    event: AC.ValidationEvent[event.event] ?? String(event.event),
    message: event.message,
  };
}

function validate(AC, json) {
  const ctx = new AC.SerializationContext();
  const card = new AC.AdaptiveCard();
  const events = [];
  let thrown = null;
  try {
    card.parse(json, ctx);
    for (let i = 0; i < ctx.eventCount; i++) {
      events.push(describe(AC, ctx.getEventAt(i)));
    }
    for (const event of card.validateProperties().validationEvents) {
      events.push(describe(AC, event));
    }
    // Rendering catches what parsing does not (e.g. a renderer exception on odd content).
    card.render();
  } catch (e) {
    thrown = String(e && e.stack ? e.stack : e);
  }
  events.push(...hostChecks(json));
  const errors = thrown ? [...events, { phase: "Exception", event: "Thrown", message: thrown }] : events;
  return { errors, version: card.version ? card.version.toString() : null };
}

function main() {
  let cards;
  try {
    cards = readInput();
  } catch (e) {
    process.stderr.write(`validate-cards: ${e.message}\n`);
    process.exit(2);
  }
  exposeDom();
  const AC = require(path.join(__dirname, "node_modules", "adaptivecards", "dist", "adaptivecards.js"));
  const report = { renderer: `adaptivecards ${require(path.join(__dirname, "node_modules", "adaptivecards", "package.json")).version}`, cards: [], errorCount: 0 };
  cards.forEach((json, index) => {
    const result = validate(AC, json);
    report.cards.push({ index, version: result.version, errors: result.errors });
    report.errorCount += result.errors.length;
  });
  process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  process.exit(report.errorCount === 0 ? 0 : 1);
}

main();
