// The `webhook` group: listen (a local receiver for Tavus's callbacks, with relay) and trigger (send one).
import type { Command } from 'commander';
import type { Runtime } from '../../context.js';
import { addCommands, examples } from '../kit.js';
import { webhookListen } from './listen.js';
import { webhookTrigger } from './trigger.js';

export function registerWebhookCommands(program: Command, runtime: Runtime): void {
  const group = program.command('webhook');
  examples(group, [
    'tavus-ten webhook listen --port 4242 --forward-to http://localhost:3000/tavus/callback',
    'tavus-ten webhook trigger application.transcription_ready --to http://localhost:3000/tavus/callback',
  ]);
  addCommands(group, runtime, [webhookListen, webhookTrigger]);
}
