// Typed calls for /v2/personas. `get` accepts both answers seen in the wild (`{data:[persona]}`
// as documented, a flat persona as clients read it); `update` reports a 304 as "no change".
import { asPage, defineResource, requestData, type Page, type ResourceContext } from '../types.js';
import type { HttpMethod } from '../http.js';
import { ApiError, ExitCode } from '../../errors.js';
import { paginate } from '../paginate.js';
import { listResponseSchema, PersonaCreatedSchema, PersonaSchema } from '../schemas.js';
import type { JsonPatchOp, Persona, PersonaCreateBody, PersonaCreated } from '../objects.js';
import { lazySchema } from '../lazy-schema.js';

export interface PersonaListQuery {
  limit?: number;
  page?: number;
  persona_type?: 'user' | 'system';
}

export interface PersonasApi {
  list(query?: PersonaListQuery): Promise<Page<Persona>>;
  get(id: string): Promise<Persona>;
  create(body: PersonaCreateBody): Promise<PersonaCreated>;
  /** A JSON Patch; `changed: false` when Tavus answers 304. `persona` when the answer carried one. */
  update(id: string, patch: JsonPatchOp[]): Promise<{ changed: boolean; persona?: Persona }>;
  delete(id: string): Promise<void>;
  /** Every persona, page after page (limit and page are chosen here). */
  all(query?: Omit<PersonaListQuery, 'limit' | 'page'>): AsyncIterable<Persona>;
}

const PersonaListSchema = lazySchema(() => listResponseSchema(PersonaSchema));

export function createPersonasApi(resources: ResourceContext): PersonasApi {
  const { request, contextFor, shapeMismatch } = resources;
  const listPage = async (query: PersonaListQuery) => {
    const { data } = await request({ method: 'GET', path: '/personas', query: { ...query }, schema: PersonaListSchema });
    return data ?? { data: [] };
  };

  /** Validates a persona found in an answer, naming paths from the body's root. */
  const readPersona = (method: HttpMethod, path: string, status: number, body: unknown, id: string): Persona => {
    const { value, at } = unwrapDataArray(body);
    if (value === undefined) {
      throw new ApiError('not_found', ExitCode.notFound, `Tavus has no persona ${id} (its answer listed none).`, {
        status,
        body,
        method,
        url: contextFor(method, path).url,
        hint: 'See which personas exist with `tavus-ten persona list`.',
      });
    }
    const checked = PersonaSchema.safeParse(value);
    if (!checked.success) throw shapeMismatch(checked.error, { status, body }, contextFor(method, path), at);
    return checked.data;
  };

  return {
    async list(query = {}) {
      return asPage(await listPage(query));
    },

    async get(id) {
      const path = `/personas/${encodeURIComponent(id)}`;
      const { status, data } = await request({ method: 'GET', path });
      return readPersona('GET', path, status, data, id);
    },

    async create(body) {
      const { data } = await requestData(resources, { method: 'POST', path: '/personas', body, schema: PersonaCreatedSchema });
      return data;
    },

    async update(id, patch) {
      const path = `/personas/${encodeURIComponent(id)}`;
      const { status, data } = await request({ method: 'PATCH', path, body: patch });
      if (status === 304) return { changed: false };
      // The answer to a patch is undocumented: keep the persona only when it carries one.
      if (!carriesPersona(data)) return { changed: true };
      return { changed: true, persona: readPersona('PATCH', path, status, data, id) };
    },

    async delete(id) {
      await request({ method: 'DELETE', path: `/personas/${encodeURIComponent(id)}` });
    },

    all(query = {}) {
      return paginate((page, limit) => listPage({ ...query, page, limit }), { keyOf: (item) => item.persona_id });
    },
  };
}

/** `{data: [x]}` → x (found at data[0]); anything else is itself. */
function unwrapDataArray(body: unknown): { value: unknown; at: PropertyKey[] } {
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && !('persona_id' in body)) {
    const inner = (body as { data?: unknown }).data;
    if (Array.isArray(inner)) return { value: inner[0], at: ['data', 0] };
  }
  return { value: body, at: [] };
}

function carriesPersona(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  if ('persona_id' in body) return true;
  const inner = (body as { data?: unknown }).data;
  return Array.isArray(inner) && inner.length > 0;
}

/** Persona (Tavus's PAL): /v2/personas, also answered at /v2/pals. */
export const personaResource = defineResource<PersonasApi>({
  noun: 'persona',
  paths: ['personas', 'pals'],
  mayExist: {
    create: 'The persona may have been created anyway: check with `tavus-ten persona list`.',
    patch: (id) => `The change may have been applied anyway: check with \`tavus-ten persona get ${id}\`.`,
  },
  calls: createPersonasApi,
});
