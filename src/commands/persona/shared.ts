// What the persona verbs share: printing one persona, the list columns, and finding personas by name.
import type { Persona, TavusClient } from '../../api/client.js';
import type { Context } from '../../context.js';
import * as z from '../../zod.js';
import { mask } from '../../io/mask.js';
import { option } from '../kit.js';
import type { Column } from '../../io/table.js';
import { layerSummary, transportOf } from './body.js';
import { replicaNotReady } from '../common/replica-status.js';

/** `--show-secrets` on every persona verb that prints personas as JSON (they are masked otherwise). */
export const SHOW_SECRETS_OPTION = option(
  '--show-secrets',
  'with --json, print keys stored in the persona (layers.llm.api_key) in full, e.g. to clone it with persona create --file',
  z.optional(z.boolean()),
);

export const PERSONA_COLUMNS: Column<Persona>[] = [
  { header: 'id', value: (p) => p.persona_id },
  { header: 'name', value: (p) => p.persona_name },
  { header: 'pipeline mode', value: (p) => p.pipeline_mode },
  { header: 'transport', value: (p) => transportOf(p) },
  { header: 'default replica', value: (p) => p.default_replica_id },
  { header: 'created', value: (p) => p.created_at },
];

/** One persona for people: `label: value` lines on stdout (the prompt last, it may be long). */
export function printPersona(ctx: Context, persona: Persona, opts: { full?: boolean } = {}): void {
  const rows: [string, unknown][] = [
    ['id', persona.persona_id],
    ['name', persona.persona_name],
    ['type', persona.persona_type],
    ['pipeline mode', persona.pipeline_mode],
    ['transport', transportOf(persona)],
    ['default replica', persona.default_replica_id],
    ['created', persona.created_at],
    ['updated', persona.updated_at],
  ];
  if (opts.full !== false) {
    rows.push(
      ['layers', layerSummary(persona.layers, mask)],
      ['documents', persona.document_ids?.length ? persona.document_ids.join(', ') : undefined],
      ['context', persona.context],
      ['system prompt', persona.system_prompt],
    );
  }
  ctx.output.printFields(rows);
}

/** Prints a persona in the form the flags ask for: Tavus's object, its id, or fields. */
export function showPersona(ctx: Context, persona: Persona, opts: { full?: boolean; showSecrets?: boolean } = {}): void {
  const { output } = ctx;
  // printJson masks keys stored in the persona (layers.llm.api_key) unless asked for: output ends up in logs and issues.
  if (output.json) return output.printJson(persona, { showSecrets: opts.showSecrets });
  if (output.quiet) return output.printIds([persona.persona_id]);
  printPersona(ctx, persona, opts);
}

/** The user's personas (every page), grouped by exact `persona_name`. System personas are Tavus's, not yours to change. */
export async function personasByName(client: TavusClient): Promise<Map<string, Persona[]>> {
  const byName = new Map<string, Persona[]>();
  for await (const persona of client.personas.all({ persona_type: 'user' })) {
    const name = persona.persona_name;
    if (typeof name !== 'string') continue;
    const list = byName.get(name) ?? [];
    list.push(persona);
    byName.set(name, list);
  }
  return byName;
}

/** The next command to run with a new persona. */
export function nextStepHint(persona: { persona_id: string; pipeline_mode?: unknown; layers?: unknown }): string {
  const livekit = persona.pipeline_mode === 'echo' && transportOf(persona as Record<string, unknown>) === 'livekit';
  return livekit
    ? `Start it in your LiveKit room: tavus-ten conversation start --persona ${persona.persona_id} --transport livekit --room NAME`
    : `Start a conversation: tavus-ten conversation start --persona ${persona.persona_id}`;
}

/**
 * `--replica` on create/update: a replica that failed training or is still training cannot join a
 * conversation, so the persona would be created fine and fail later. A warning, never a stop; a
 * replica that cannot be read is left to Tavus to judge.
 */
export async function warnIfReplicaCannotTalk(ctx: Context, client: TavusClient, replicaId: string): Promise<void> {
  let replica;
  try {
    replica = await client.replicas.get(replicaId);
  } catch (error) {
    if ((error as { code?: string }).code === 'not_found') {
      ctx.output.warn(`Tavus has no replica ${replicaId}: conversations with this persona's default replica will fail. See \`tavus-ten replica list\`.`);
    }
    if ((error as { code?: string }).code === 'interrupted') throw error;
    return;
  }
  const what = replicaNotReady(replica);
  if (what === undefined) return;
  ctx.output.warn(`Replica ${replicaId} ${what}: it cannot join a conversation until it is completed. Pick one from \`tavus-ten replica list\`.`);
}
