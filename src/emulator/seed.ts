// Seed data: the stock ids Tavus's docs, its official examples, pipecat and the LiveKit plugin use
// (replicas in every training state), and bulk personas and conversations for benchmarks.
import { DEFAULT_MAX_CALL_DURATION_S, endConversationRecord, insertConversation, participantJoined, SHUTDOWN_REASON } from './conversation-lifecycle.js';
import { isoTime, newId } from './ids.js';
import type { EmulatorState, PipelineMode, StoredPersona, StoredReplica } from './types.js';
import type { World } from './world.js';

const STOCK_TIME = '2024-08-21T17:05:11.000Z';
export const STOCK_REPLICA_ID = 'r90bbd427f71';
export const STOCK_PERSONA_ID = 'pcb7a34da5fe';
/** The LiveKit Agents plugin's stock PAL: echo + livekit, for LiveKit mode's --mock. */
export const STOCK_LIVEKIT_PERSONA_ID = 'pb87e71797da';
const LIVEKIT_PLUGIN_FACE_ID = 'r4067604db72';
/** "Charlie": the default replica of the Tavus Researcher persona in Tavus's docs. */
const RESEARCHER_REPLICA_ID = 'rf4703150052';

function replica(
  replica_id: string,
  replica_name: string,
  extra: Partial<StoredReplica> = {},
): StoredReplica {
  return {
    replica_id,
    replica_name,
    thumbnail_video_url: `https://cdn.replica.tavus.io/thumbnails/${replica_id}.mp4`,
    training_progress: '100/100',
    status: 'completed',
    created_at: STOCK_TIME,
    updated_at: STOCK_TIME,
    error_message: null,
    replica_type: 'system',
    model_name: 'phoenix-3',
    ...extra,
  };
}

function persona(fields: Partial<StoredPersona> & Pick<StoredPersona, 'persona_id' | 'persona_name'>): StoredPersona {
  return {
    system_prompt: null,
    context: null,
    pipeline_mode: 'full',
    default_replica_id: STOCK_REPLICA_ID,
    layers: {},
    persona_type: 'system',
    created_at: STOCK_TIME,
    updated_at: STOCK_TIME,
    ...fields,
  };
}

export function stockReplicas(): StoredReplica[] {
  return [
    replica(STOCK_REPLICA_ID, 'Anna'),
    replica('rf4e9d9790f0', 'Charlie'),
    // Stock replicas Tavus's official examples and docs use.
    replica(RESEARCHER_REPLICA_ID, 'Charlie', { model_name: 'phoenix-3' }),
    replica('r6e055828f63', 'Stock replica (Tavus examples)'),
    replica('r79e1c033f', 'Stock replica (older id)', { model_name: 'phoenix-2' }),
    // The LiveKit Agents plugin's default face, used with its stock PAL when no face is given.
    replica(LIVEKIT_PLUGIN_FACE_ID, 'Lucy - Home', { model_name: 'phoenix-4.5' }),
    replica('r3f427f41a5e', 'My replica (training)', {
      status: 'started',
      training_progress: '40/100',
      replica_type: 'user',
      model_name: 'phoenix-4',
    }),
    replica('rb17cf590e15', 'My replica (failed)', {
      status: 'error',
      training_progress: '0/100',
      replica_type: 'user',
      model_name: 'phoenix-4',
      error_message: 'Training failed: the consent statement could not be verified in the training video.',
    }),
  ];
}

export function stockPersonas(): StoredPersona[] {
  return [
    persona({
      persona_id: STOCK_PERSONA_ID,
      persona_name: 'Life Coach',
      system_prompt:
        'As a Life Coach, you are a dedicated professional who helps people set goals, overcome obstacles and grow.',
      context: 'You are talking with someone who wants to make a change in their life.',
    }),
    persona({
      persona_id: 'p1af207b8189',
      persona_name: 'Tavus Researcher',
      system_prompt: 'You are a friendly researcher who explains how Tavus conversational video works.',
      context: 'The user is evaluating Tavus for a product.',
    }),
    // "Stock Demo Persona" in Tavus's official examples; Tavus's docs call it Tavus Researcher.
    persona({
      persona_id: 'p48fdf065d6b',
      persona_name: 'Tavus Researcher',
      system_prompt: 'You are Charlie, a friendly researcher at Tavus who talks about conversational video.',
      context: 'The user wants to learn about Tavus.',
      default_replica_id: RESEARCHER_REPLICA_ID,
      layers: { conversational_flow: { turn_detection_model: 'sparrow-1', turn_taking_patience: 'medium' } },
    }),
    // pipecat's defaults (TavusVideoService / TavusTransport persona_id): echo, so Tavus speaks the
    // bot's own TTS audio; pipecat always sends its replica_id, so no default replica is assumed.
    persona({ persona_id: 'pipecat0', persona_name: 'Ari', pipeline_mode: 'echo', default_replica_id: null }),
    persona({ persona_id: 'pipecat-stream', persona_name: 'Tavus Echo Audio Stream', pipeline_mode: 'echo', default_replica_id: null }),
    persona({
      persona_id: STOCK_LIVEKIT_PERSONA_ID,
      persona_name: 'LiveKit Agents echo PAL',
      pipeline_mode: 'echo',
      default_replica_id: LIVEKIT_PLUGIN_FACE_ID,
      layers: { transport: { transport_type: 'livekit' } },
    }),
  ];
}

export function seedStock(state: EmulatorState): void {
  for (const r of stockReplicas()) state.replicas.set(r.replica_id, r);
  for (const p of stockPersonas()) state.personas.set(p.persona_id, p);
}

/** Bulk user personas, oldest first, for benchmarks and paging tests. */
export function addBulkPersonas(world: World, count: number, opts: { prefix?: string; pipelineMode?: PipelineMode } = {}): void {
  const mode = opts.pipelineMode ?? 'full';
  const prefix = opts.prefix ?? 'Persona ';
  for (let index = 1; index <= count; index += 1) {
    const created = isoTime(world.now());
    const id = newId('p', world.state.personas);
    world.state.personas.set(id, {
      persona_id: id,
      persona_name: `${prefix}${index}`,
      system_prompt: mode === 'full' ? `You are ${prefix}${index}, a helpful assistant.` : null,
      context: null,
      pipeline_mode: mode,
      default_replica_id: world.state.replicas.has(STOCK_REPLICA_ID) ? STOCK_REPLICA_ID : null,
      layers: mode === 'echo' ? { transport: { transport_type: 'livekit' } } : {},
      persona_type: 'user',
      created_at: created,
      updated_at: created,
    });
  }
}

/**
 * Conversations on the stock replica and persona, ignoring the concurrency cap. Returns their ids.
 * Active ones have someone in the room, so only max_call_duration (an hour) ends them by itself.
 */
export function addBulkConversations(world: World, count: number, status: 'active' | 'ended'): string[] {
  const replicaId = world.state.replicas.has(STOCK_REPLICA_ID) ? STOCK_REPLICA_ID : (world.state.replicas.keys().next().value ?? STOCK_REPLICA_ID);
  const personaId = world.state.personas.has(STOCK_PERSONA_ID) ? STOCK_PERSONA_ID : null;
  return Array.from({ length: count }, () => {
    const conversation = insertConversation(world, {
      replicaId,
      personaId,
      testMode: false,
      liveKit: false,
      requireAuth: false,
      maxCallDurationS: DEFAULT_MAX_CALL_DURATION_S,
      request: { replica_id: replicaId, ...(personaId ? { persona_id: personaId } : {}) },
    });
    if (status === 'ended') endConversationRecord(world, conversation, SHUTDOWN_REASON.endEndpoint);
    else participantJoined(world, conversation, 'seeded-participant');
    return conversation.conversation_id;
  });
}
