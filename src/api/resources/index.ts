// The Tavus resources the client knows, each defined once in its own file. The client's calls
// (client.personas…), the nouns of error messages and the "may exist anyway" hints all come from
// this table (src/api/client.ts, src/api/classify/target.ts); test/unit/api/resource-table.test.ts
// checks each entry against the emulator's routes.
import { conversationResource } from './conversations.js';
import { documentResource } from './documents.js';
import { guardrailsResource } from './guardrails.js';
import { objectivesResource } from './objectives.js';
import { personaResource } from './personas.js';
import { replicaResource } from './replicas.js';

/** Keyed by the client property that holds the resource's calls. */
export const RESOURCES = {
  replicas: replicaResource,
  personas: personaResource,
  conversations: conversationResource,
  documents: documentResource,
  objectives: objectivesResource,
  guardrails: guardrailsResource,
} as const;

/** `{ replicas: ReplicasApi, personas: PersonasApi, … }`: the client's resource calls, typed from the table. */
export type ResourceCalls = { readonly [K in keyof typeof RESOURCES]: ReturnType<(typeof RESOURCES)[K]['calls']> };
