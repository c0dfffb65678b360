'use strict';
// The peer bot: the same 3-step waterfall CaaBot's engine benchmark runs, written the way a
// botbuilder-js developer would (DialogSet + WaterfallDialog + TextPrompt + NumberPrompt over
// ConversationState). Shared by inprocess.js and server.js so both measure the same bot.
const { ConversationState, MemoryStorage } = require('botbuilder-core');
const { DialogSet, DialogTurnStatus, NumberPrompt, TextPrompt, WaterfallDialog } = require('botbuilder-dialogs');

const NAME_PROMPT = "What's your name?";
const COUNT_PROMPT = 'How many devices?';
const summary = (name, count) => `Thanks ${name}, ${count} device(s) noted.`;

function createBot(storage = new MemoryStorage()) {
    // MemoryStorage keeps JSON strings, so state is serialized and parsed on every turn (as ours is).
    const conversationState = new ConversationState(storage);
    const dialogs = new DialogSet(conversationState.createProperty('DialogState'));
    dialogs.add(new TextPrompt('name'));
    dialogs.add(new NumberPrompt('count'));
    dialogs.add(
        new WaterfallDialog('main', [
            async (step) => step.prompt('name', NAME_PROMPT),
            async (step) => {
                step.values.name = step.result;
                return step.prompt('count', COUNT_PROMPT);
            },
            async (step) => {
                await step.context.sendActivity(summary(step.values.name, step.result));
                return step.endDialog();
            },
        ])
    );

    return async function onTurn(context) {
        if (context.activity.type === 'message') {
            const dc = await dialogs.createContext(context);
            const result = await dc.continueDialog();
            if (result.status === DialogTurnStatus.empty) {
                await dc.beginDialog('main');
            }
        }
        await conversationState.saveChanges(context, false);
    };
}

module.exports = { createBot, NAME_PROMPT, COUNT_PROMPT, summary };
