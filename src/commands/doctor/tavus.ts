// Tavus checks: the key is there and accepted, TAVUS_REPLICA_ID is a completed replica, and
// TAVUS_PERSONA_ID exists, has a replica, and suits the transport (echo + livekit for LiveKit).
import type { Persona, Replica, TavusClient } from '../../api/client.js';
import { ApiError } from '../../errors.js';
import { mask } from '../../io/mask.js';
import type { Settings } from '../../settings/resolve.js';
import { describeSource } from '../../settings/sources.js';
import { fail, pass, skip, warn, type CheckList, type DoctorMode, type Outcome } from './checks.js';
import { replicaNotReady } from '../common/replica-status.js';

export const KEY_HINT = 'Run `tavus-ten auth login`, or export TAVUS_API_KEY (create a key at https://platform.tavus.io/api-keys).';
const ECHO_LIVEKIT_HINT =
  'Create one with `tavus-ten persona create --echo-livekit --name "TEN avatar"` and set TAVUS_PERSONA_ID to its id.';

export interface TavusCheckInput {
  list: CheckList;
  settings: Settings;
  client: () => Promise<TavusClient>;
  offline: boolean;
  /** The transport the persona must suit; `any` (smoke) takes either. */
  mode: DoctorMode | 'any';
}

/** What the checks learnt, for smoke. */
export interface TavusFacts {
  ok: boolean;
  persona?: Persona;
}

export function isEchoLivekit(persona: Pick<Persona, 'pipeline_mode' | 'layers'>): boolean {
  return persona.pipeline_mode === 'echo' && persona.layers?.transport?.transport_type === 'livekit';
}

function describePersona(persona: Persona): string {
  const transport = persona.layers?.transport?.transport_type ?? 'daily';
  return `${persona.pipeline_mode ?? 'full'} pipeline, ${transport} transport`;
}

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'not_found';
}

export async function runTavusChecks(input: TavusCheckInput): Promise<TavusFacts> {
  const { list, settings, offline, mode } = input;
  const facts: TavusFacts = { ok: true };

  const key = await list.run('Tavus', 'tavus.key', () =>
    settings.apiKey.value
      ? pass(`${mask(settings.apiKey.value)} from ${describeSource(settings.apiKey)}.`)
      : fail('No Tavus API key is set.', KEY_HINT),
  );

  const auth = await list.run('Tavus', 'tavus.auth', async (): Promise<Outcome> => {
    if (offline) return skip('Not checked (--offline).');
    if (key.status !== 'pass') return skip('Not checked: no API key.', KEY_HINT);
    const client = await input.client();
    await client.replicas.list({ limit: 1 });
    return pass(`${client.baseUrl} accepted the key.`);
  });

  const reachable = auth.status === 'pass';
  const unreachable = (what: string): Outcome =>
    offline ? skip(`${what} not checked (--offline).`) : skip(`${what} not checked: the API did not accept the key (see tavus.auth).`);

  const replica = await list.run('Tavus', 'tavus.replica', async (): Promise<Outcome> => {
    const id = settings.replicaId.value;
    if (!id) return skip("TAVUS_REPLICA_ID is not set (optional: a persona's default replica is used).");
    if (!reachable) return unreachable(`Replica ${id}`);
    return replicaOutcome(await input.client(), id, `Replica ${id} (${describeSource(settings.replicaId)})`);
  });

  const persona = await list.run('Tavus', 'tavus.persona', async (): Promise<Outcome> => {
    const id = settings.personaId.value;
    if (!id) {
      if (mode === 'livekit') return fail('TAVUS_PERSONA_ID is not set: a LiveKit avatar needs an echo + livekit persona.', ECHO_LIVEKIT_HINT);
      if (!settings.replicaId.value) {
        return warn(
          'Neither TAVUS_PERSONA_ID nor TAVUS_REPLICA_ID is set: every conversation will need --persona or --replica.',
          'Set TAVUS_REPLICA_ID (see `tavus-ten replica list`) or TAVUS_PERSONA_ID (see `tavus-ten persona list`).',
        );
      }
      return skip('TAVUS_PERSONA_ID is not set (optional for Daily conversations).');
    }
    if (!reachable) return unreachable(`Persona ${id}`);
    const client = await input.client();
    let found: Persona;
    try {
      found = await client.personas.get(id);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      return fail(
        `Persona ${id} (${describeSource(settings.personaId)}) does not exist on this account.`,
        'List your personas with `tavus-ten persona list`, or create one with `tavus-ten persona create`.',
      );
    }
    facts.persona = found;
    const name = found.persona_name ? ` "${found.persona_name}"` : '';
    const summary = `Persona ${id}${name} (${describeSource(settings.personaId)}; ${describePersona(found)})`;

    // The conversation's replica: TAVUS_REPLICA_ID when set (checked above), else the persona's default.
    let replicaNote: string;
    if (settings.replicaId.value) {
      replicaNote = `conversations use replica ${settings.replicaId.value} (see tavus.replica)`;
    } else if (found.default_replica_id) {
      const own = await replicaOutcome(client, found.default_replica_id, `Its default replica ${found.default_replica_id}`);
      if (own.status !== 'pass') return { ...own, message: `${summary}: ${lowerFirst(own.message)}` };
      replicaNote = `default replica ${found.default_replica_id} is completed`;
    } else {
      return fail(
        `${summary} has no default replica and TAVUS_REPLICA_ID is not set: Tavus cannot start a conversation with it.`,
        `Set TAVUS_REPLICA_ID (see \`tavus-ten replica list\`), or give the persona one: \`tavus-ten persona update ${id} --replica REPLICA_ID\`.`,
      );
    }

    const livekit = isEchoLivekit(found);
    if (mode === 'any') return pass(`${summary}; ${replicaNote}.`);
    if (mode === 'livekit' && !livekit) {
      return fail(`${summary} is not echo + livekit: the avatar would never join your LiveKit room.`, ECHO_LIVEKIT_HINT);
    }
    if (mode === 'all' && !livekit) {
      return warn(`${summary}: fine for Daily, but a LiveKit avatar needs an echo + livekit persona; ${replicaNote}.`, ECHO_LIVEKIT_HINT);
    }
    if (mode === 'daily' && livekit) {
      return warn(
        `${summary} is made for LiveKit rooms, not Daily conversations; ${replicaNote}.`,
        'Run `tavus-ten doctor --mode livekit` to check the LiveKit setup, or use a full-pipeline persona for Daily.',
      );
    }
    return pass(`${summary}; ${replicaNote}.`);
  });

  facts.ok = [key, auth, replica, persona].every((check) => check.status !== 'fail');
  return facts;
}

async function replicaOutcome(client: TavusClient, id: string, label: string): Promise<Outcome> {
  let found: Replica;
  try {
    found = await client.replicas.get(id);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return fail(`${label} does not exist on this account.`, 'List the replicas you can use with `tavus-ten replica list`.');
  }
  const name = found.replica_name ? ` "${found.replica_name}"` : '';
  if (found.status === 'completed' || (found.status == null && found.training_progress === '100/100')) {
    return pass(`${label}${name} is completed.`);
  }
  if (found.status === 'error') {
    return fail(
      `${label}${name} failed training${found.error_message ? `: ${found.error_message}` : '.'}`,
      'Use a completed replica (`tavus-ten replica list`), or train this one again in the Tavus dashboard.',
    );
  }
  return warn(
    `${label}${name} ${replicaNotReady(found) ?? `is not ready${found.training_progress ? ` (${found.training_progress})` : ''}`}: only completed replicas can join a conversation.`,
    `Wait for training to finish (\`tavus-ten replica get ${id}\`), or use a completed replica.`,
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
