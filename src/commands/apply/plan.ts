// Plans an apply: reads what the account holds (GETs only, the kinds at once) and works out, for each
// thing in the file, whether it is created, updated at exactly the leaves that differ, or left alone.
// Each step carries the work that carries it out, run later in dependency order (documents, objectives,
// guardrails, then the personas that refer to them). A persona's references are resolved when its turn
// comes, so it gets the ids of things created earlier in the same run.
import type { JsonPatchOp, Persona, TavusClient } from '../../api/client.js';
import type { TavusDocument } from '../../api/resources/documents.js';
import { UsageError, type ErrorJson } from '../../errors.js';
import { andList } from '../../io/sentence.js';
import { patchPaths } from '../common/json-patch.js';
import { diffPersonaFields } from '../persona/patch.js';
import { personasByName } from '../persona/shared.js';
import { sendPatch } from '../persona/update.js';
import { diffItems } from '../sets/diff.js';
import type { ApplyFile, PersonaEntry } from './file.js';

export type Kind = 'document' | 'objectives' | 'guardrails' | 'persona';
export type { PlanAction, PlanResult } from '../common/plan.js';
import type { PlanAction, PlanResult } from '../common/plan.js';

/** One line of the plan, as printed under --json. */
export interface PlanEntry {
  kind: Kind;
  /** document_name, the objectives key, the guardrails name, persona_name. */
  name: string;
  id: string | null;
  action: PlanAction;
  /** What an update changes: JSON pointers (or document fields). Empty otherwise. */
  changes: string[];
  result: PlanResult;
  error?: ErrorJson;
}

/** The ids things of the file have (or get, as the run goes): `document:handbook` → id. */
export type Resolved = Map<string, string>;

export interface PlanStep {
  entry: PlanEntry;
  /** Carries the step out; returns the id and whether anything changed. Never called for `unchanged`. */
  run: (resolved: Resolved) => Promise<{ id: string; changed: boolean }>;
}

const refKey = (kind: Kind, name: string) => `${kind}:${name}`;

export async function planApply(client: TavusClient, file: ApplyFile): Promise<{ steps: PlanStep[]; resolved: Resolved }> {
  const resolved: Resolved = new Map();
  // The reads of each kind are independent, so they run at once; a persona's diff needs the ids the
  // others found, so it is worked out once they are all in.
  const [documents, objectives, guardrails, personas] = await allInOrder([
    planDocuments(client, file, resolved),
    planObjectives(client, file, resolved),
    planGuardrails(client, file, resolved),
    readPersonas(client, file),
  ]);
  return { steps: [...documents, ...objectives, ...guardrails, ...planPersonas(client, personas, resolved)], resolved };
}

/**
 * All the promises' values, in order. Each is waited for, and the first failure in the given order is the
 * one thrown: the error a plan reports does not depend on which answer came back first.
 */
async function allInOrder<T extends readonly unknown[]>(promises: readonly [...{ [K in keyof T]: Promise<T[K]> }]): Promise<T> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

function entry(kind: Kind, name: string, id: string | null, action: PlanAction, changes: string[] = []): PlanEntry {
  return { kind, name, id, action, changes, result: 'planned' };
}

function ambiguous(what: string, name: string, ids: string[], fix: string): UsageError {
  return new UsageError(`More than one ${what} matches ${JSON.stringify(name)} (${ids.join(', ')}): apply cannot tell which to change. Nothing was changed.`, {
    hint: fix,
  });
}

/**
 * Sets of yours that hold the same objectives: they have no name to tell them apart by, so the message
 * names the objectives that match (the file's key is only the file's), and every set holding them.
 */
function sameObjectives(key: string, names: string[], ids: string[]): UsageError {
  const sets = `${andList(ids)} ${ids.length === 2 ? 'both' : 'all'}`;
  return new UsageError(
    `Your objectives sets ${sets} hold exactly the objectives ${names.join(', ')} (objectives ${JSON.stringify(key)} in the file): ` +
      'apply matches a set by its objective names, so it cannot tell which to change. Nothing was changed.',
    { hint: "Delete all but one (`tavus-ten objectives delete ID`; a persona's objectives_id shows which set it uses), then apply again." },
  );
}

async function planDocuments(client: TavusClient, file: ApplyFile, resolved: Resolved): Promise<PlanStep[]> {
  if (file.documents.length === 0) return [];
  const byName = new Map<string, TavusDocument[]>();
  for await (const document of client.documents.all()) {
    if (typeof document.document_name !== 'string') continue;
    byName.set(document.document_name, [...(byName.get(document.document_name) ?? []), document]);
  }
  return file.documents.map((want): PlanStep => {
    const matches = byName.get(want.document_name) ?? [];
    if (matches.length > 1) {
      throw ambiguous('document', want.document_name, matches.map((d) => d.document_id), 'Delete the extra ones (`tavus-ten document delete ID`), then apply again.');
    }
    const have = matches[0];
    if (!have) {
      return {
        entry: entry('document', want.document_name, null, 'create'),
        run: async () => ({ id: (await client.documents.create(want)).document_id, changed: true }),
      };
    }
    resolved.set(refKey('document', want.document_name), have.document_id);
    if (have.document_url !== want.document_url) {
      throw new UsageError(
        `Document ${JSON.stringify(want.document_name)} (${have.document_id}) holds ${have.document_url ?? 'no URL'}, the file says ${want.document_url}: Tavus cannot change a document's URL. Nothing was changed.`,
        { hint: `Delete it (\`tavus-ten document delete ${have.document_id}\`) and apply again, or give the new URL a new document_name.` },
      );
    }
    // Only document_name and tags can change (PATCH /documents/{id}); the name is the match, so: tags.
    const tagsDiffer = want.tags !== undefined && JSON.stringify([...(have.tags ?? [])].sort()) !== JSON.stringify([...want.tags].sort());
    if (!tagsDiffer) return { entry: entry('document', want.document_name, have.document_id, 'unchanged'), run: async () => ({ id: have.document_id, changed: false }) };
    return {
      entry: entry('document', want.document_name, have.document_id, 'update', ['/tags']),
      run: async () => {
        await client.documents.update(have.document_id, { tags: want.tags });
        return { id: have.document_id, changed: true };
      },
    };
  });
}

async function planObjectives(client: TavusClient, file: ApplyFile, resolved: Resolved): Promise<PlanStep[]> {
  if (file.objectives.length === 0) return [];
  const sets = await client.objectives.sets();
  const namesOf = (items: readonly { objective_name: string }[]) => JSON.stringify(items.map((o) => o.objective_name).sort());
  const steps: PlanStep[] = [];
  for (const want of file.objectives) {
    // An objectives set has no name in Tavus's API: it is the set holding exactly these objective names.
    const matches = sets.filter((set) => namesOf(set.data) === namesOf(want.data));
    if (matches.length > 1) throw sameObjectives(want.key, want.data.map((o) => o.objective_name), matches.map((s) => s.objectives_id));
    const body = { data: want.data };
    if (!matches[0]) {
      steps.push({ entry: entry('objectives', want.key, null, 'create'), run: async () => ({ id: (await client.objectives.create(body)).objectives_id, changed: true }) });
      continue;
    }
    const id = matches[0].objectives_id;
    resolved.set(refKey('objectives', want.key), id);
    // Patch paths index the set as GET answers it.
    const current = await client.objectives.get(id);
    const operations = diffItems(current.data, want.data, 'objective_name');
    steps.push(patchStep('objectives', want.key, id, operations, (ops) => client.objectives.update(id, ops)));
  }
  return steps;
}

async function planGuardrails(client: TavusClient, file: ApplyFile, resolved: Resolved): Promise<PlanStep[]> {
  if (file.guardrails.length === 0) return [];
  const sets = await client.guardrails.sets();
  const steps: PlanStep[] = [];
  for (const want of file.guardrails) {
    const matches = sets.filter((set) => set.guardrails_name === want.name);
    if (matches.length > 1) {
      throw ambiguous('guardrails set', want.name, matches.map((s) => s.guardrails_id), 'Delete the duplicate sets (`tavus-ten guardrails delete ID`), then apply again.');
    }
    if (!matches[0]) {
      steps.push({
        entry: entry('guardrails', want.name, null, 'create'),
        run: async () => ({ id: (await client.guardrails.create({ name: want.name, data: want.data })).guardrails_id, changed: true }),
      });
      continue;
    }
    const { guardrails_id: id, data } = matches[0];
    resolved.set(refKey('guardrails', want.name), id);
    steps.push(patchStep('guardrails', want.name, id, diffItems(data, want.data, 'guardrail_name'), (ops) => client.guardrails.update(id, ops)));
  }
  return steps;
}

function patchStep(kind: Kind, name: string, id: string, operations: JsonPatchOp[], send: (ops: JsonPatchOp[]) => Promise<{ changed: boolean }>): PlanStep {
  if (operations.length === 0) return { entry: entry(kind, name, id, 'unchanged'), run: async () => ({ id, changed: false }) };
  return {
    entry: entry(kind, name, id, 'update', patchPaths(operations)),
    run: async () => ({ id, changed: (await send(operations)).changed }),
  };
}

/** The persona body with its names turned into ids; a name not resolved yet stands as `<new name>` (plans only). */
function personaBody(persona: PersonaEntry, resolved: Resolved): Record<string, unknown> {
  const body: Record<string, unknown> = { ...persona.raw };
  const id = (kind: Kind, name: string) => resolved.get(refKey(kind, name)) ?? `<new ${kind} ${name}>`;
  if (persona.documents) body.document_ids = persona.documents.map((name) => id('document', name));
  if (persona.objectives) body.objectives_id = id('objectives', persona.objectives);
  if (persona.guardrails) body.guardrails_id = id('guardrails', persona.guardrails);
  return body;
}

/** A persona of the file, with the one of yours of its name as GET returns it (none: it is created). */
interface PersonaMatch {
  persona: PersonaEntry;
  name: string;
  match?: { id: string; current: Persona };
}

async function readPersonas(client: TavusClient, file: ApplyFile): Promise<PersonaMatch[]> {
  if (file.personas.length === 0) return [];
  const byName = await personasByName(client);
  const found: PersonaMatch[] = [];
  for (const persona of file.personas) {
    const name = persona.body.persona_name!;
    const matches = byName.get(name) ?? [];
    if (matches.length > 1) {
      throw ambiguous('persona', name, matches.map((p) => p.persona_id), 'Delete or rename the extra ones (`tavus-ten persona delete ID`), then apply again.');
    }
    // Diff against the persona as GET returns it: list items may be abridged, and patch paths must match it.
    const id = matches[0]?.persona_id;
    found.push({ persona, name, match: id === undefined ? undefined : { id, current: await client.personas.get(id) } });
  }
  return found;
}

function planPersonas(client: TavusClient, personas: PersonaMatch[], resolved: Resolved): PlanStep[] {
  return personas.map(({ persona, name, match }): PlanStep => {
    if (!match) {
      return {
        entry: entry('persona', name, null, 'create'),
        run: async (ids) => ({ id: (await client.personas.create(personaBody(persona, ids))).persona_id, changed: true }),
      };
    }
    const { id, current } = match;
    const planned = diffPersonaFields(current, personaBody(persona, resolved));
    if (planned.length === 0) return { entry: entry('persona', name, id, 'unchanged'), run: async () => ({ id, changed: false }) };
    return {
      entry: entry('persona', name, id, 'update', patchPaths(planned)),
      run: async (ids) => {
        // Now every reference has its id: the patch is worked out again with them.
        const operations = diffPersonaFields(current, personaBody(persona, ids));
        if (operations.length === 0) return { id, changed: false };
        return { id, changed: (await sendPatch(client, id, operations)).changed };
      },
    };
  });
}

export { refKey };
