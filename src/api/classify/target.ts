// What a request path names (a persona, a replica…), read from the resource table in
// src/api/resources/index.ts: the nouns of messages and the "it may exist anyway" hints.
import { RESOURCES } from '../resources/index.js';

/** Path segment → the resource it names (`pals` → the persona resource). */
const BY_PATH = new Map(Object.values(RESOURCES).flatMap((resource) => resource.paths.map((path) => [path, resource] as const)));

/** The noun of a /v2 path segment (`pals` → `persona`), or undefined for a path no resource owns. */
export function nounOfPath(segment: string): string | undefined {
  return BY_PATH.get(segment)?.noun;
}

export interface RequestTarget {
  /** `persona`, `replica`, `conversation`, or undefined for other paths. */
  noun: string | undefined;
  id: string | undefined;
}

export function describeTarget(path: string): RequestTarget {
  const segments = path.split('?')[0]!.split('/').filter((segment) => segment !== '');
  if (segments[0] === 'v2') segments.shift();
  const noun = segments[0] === undefined ? undefined : nounOfPath(segments[0]);
  const rawId = segments[1];
  return { noun, id: rawId === undefined ? undefined : safeDecode(rawId) };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** For a create or a patch that may have reached Tavus: how to find out whether it did. */
export function mayExistHint(method: string, path: string): string | undefined {
  const segments = path.split('?')[0]!.split('/').filter((segment) => segment !== '');
  if (segments[0] === 'v2') segments.shift();
  const resource = segments[0] === undefined ? undefined : BY_PATH.get(segments[0]);
  if (resource === undefined) return undefined;
  const { id } = describeTarget(path);
  if (method === 'POST' && id === undefined) return resource.mayExist.create ?? undefined;
  if (method === 'PATCH' && id !== undefined && segments.length === 2) return resource.mayExist.patch?.(id);
  return undefined;
}

/** Where to see which ones exist, for a not-found message. */
export function listHint(noun: string | undefined): string | undefined {
  // objectives and guardrails are already plural (a set each).
  return noun === undefined ? undefined : `See which ${noun.endsWith('s') ? noun : `${noun}s`} exist with \`tavus-ten ${noun} list\`.`;
}
