// The top-level commands: their names, summaries and modules, in the order root --help lists them.
// Plain data and lazy imports only: the root help (src/root-help.ts) reads it without loading any command.
import type { Command } from 'commander';
import type { Runtime } from './context.js';

export type Register = (program: Command, runtime: Runtime) => void;

/** A top-level command: its names (the first is the command, the rest aliases), its summary, its module. */
export interface CommandModule {
  names: readonly [string, ...string[]];
  summary: string;
  /**
   * What the root help prints after the names, e.g. `[options] <file>`: the loaded command's term, copied
   * here so `--help` (which loads no module) lists the same as `help`; a test compares the two.
   */
  term?: string;
  load: () => Promise<Register>;
}

/** In the order root --help lists them; `help` last. The single home of each group's names and summary. */
export const COMMAND_MODULES: readonly CommandModule[] = [
  {
    names: ['persona', 'personas', 'pal'],
    summary: 'create, inspect, update and apply personas (Tavus "PALs": prompt, pipeline mode, transport, default replica)',
    load: async () => (await import('./commands/persona/index.js')).registerPersonaCommands,
  },
  {
    names: ['replica', 'replicas', 'face'],
    summary: 'train, list, inspect, rename and delete replicas (Tavus "faces": the video avatars)',
    load: async () => (await import('./commands/replica.js')).registerReplicaCommands,
  },
  {
    names: ['document', 'documents', 'doc'],
    summary: 'the knowledge base: add files and websites (crawled), follow their processing, recrawl, delete',
    load: async () => (await import('./commands/document/index.js')).registerDocumentCommands,
  },
  {
    names: ['objectives', 'objective'],
    summary: 'objectives sets: the goal-oriented steps a persona follows (create from JSON, list, get, update, delete)',
    load: async () => (await import('./commands/sets/objectives.js')).registerObjectivesCommands,
  },
  {
    names: ['guardrails', 'guardrail'],
    summary: 'guardrails sets: the behavioural limits a persona keeps (create from JSON, list, get, update, delete)',
    load: async () => (await import('./commands/sets/guardrails.js')).registerGuardrailsCommands,
  },
  {
    names: ['apply'],
    term: '[options] <file>',
    summary: 'provision documents, objectives, guardrails and personas from one file, by name (idempotent; --dry-run plans)',
    load: async () => (await import('./commands/apply/index.js')).registerApplyCommand,
  },
  {
    names: ['conversation', 'conversations', 'conv'],
    summary: 'start, watch and end Tavus conversations (each one bills and holds a concurrency slot until it ends)',
    load: async () => (await import('./commands/conversation/index.js')).registerConversationCommands,
  },
  {
    names: ['livekit'],
    summary: 'LiveKit helpers for echo-mode avatars in your own room: join tokens and Meet links',
    load: async () => (await import('./commands/livekit.js')).registerLivekitCommands,
  },
  {
    names: ['mock'],
    term: '[options]',
    summary: 'run the Tavus API emulator on 127.0.0.1 until Ctrl-C (stock replicas and personas, no key needed)',
    load: async () => (await import('./commands/mock.js')).registerMockCommand,
  },
  {
    names: ['serve'],
    term: '[options]',
    summary:
      "run the TEN playground's Tavus API (POST /api/tavus/conversation/create, …/:id/end) and a page to start, " +
      'show and end a conversation; Ctrl-C ends every conversation it started',
    load: async () => (await import('./commands/serve.js')).registerServeCommand,
  },
  {
    names: ['webhook', 'webhooks'],
    summary: "see Tavus's callbacks on a local port and relay them to your handler (listen), or send one (trigger)",
    load: async () => (await import('./commands/webhook/index.js')).registerWebhookCommands,
  },
  {
    names: ['ten'],
    summary: 'TEN Framework helpers: scaffold the Tavus TEN app',
    load: async () => (await import('./commands/ten.js')).registerTenCommands,
  },
  {
    names: ['doctor'],
    term: '[options]',
    summary: 'check the whole setup (Node, config, Tavus key/replica/persona, LiveKit, a TEN app) with a fix for each problem',
    load: async () => (await import('./commands/doctor/index.js')).registerDoctorCommand,
  },
  {
    names: ['smoke'],
    term: '[options]',
    summary: 'for CI: check the Tavus setup, start a free test_mode conversation, verify it, and end it (--live: a real one)',
    load: async () => (await import('./commands/smoke.js')).registerSmokeCommand,
  },
  {
    names: ['auth'],
    summary: 'log in with a Tavus API key, see which key is in use, log out',
    load: async () => (await import('./commands/auth.js')).registerAuthCommands,
  },
  {
    names: ['config'],
    summary: "read and change a profile's saved settings (default persona, replica, base URL, LiveKit)",
    load: async () => (await import('./commands/config.js')).registerConfigCommands,
  },
  {
    names: ['completion'],
    term: '[shell]',
    summary: 'print a shell completion script (bash, zsh or fish) for commands, subcommands and flags',
    load: async () => (await import('./commands/completion.js')).registerCompletionCommand,
  },
  {
    names: ['help'],
    term: '[topic...]',
    summary: 'show help for a command, or a topic (environment, exit-codes)',
    load: async () => (await import('./commands/help-topics.js')).registerHelpCommand,
  },
];
