// `${env:VAR}` and `${env:VAR|default}` placeholders in a TEN app's property.json, read the way the
// TEN runtime reads them: a placeholder is a string value that starts with `${` and ends with `}`
// (the whole value; one embedded in longer text is not substituted), its scope is `env`, and an
// optional default follows the first `|` (`${env:VAR|}` defaults to the empty string). Without a
// default the variable is required. `ten init` and `doctor --tenapp` both build on this module.

export interface EnvPlaceholder {
  /** The variable name, e.g. LIVEKIT_URL. */
  variable: string;
  /** The text after `|`; undefined when there is no `|` (the variable is required). */
  defaultValue: string | undefined;
  /** No default: the TEN app cannot start without the variable. */
  required: boolean;
  /** The string value as written, e.g. `${env:LIVEKIT_URL}`. */
  raw: string;
  /** JSON pointer (RFC 6901) of the value, e.g. `/ten/predefined_graphs/0/graph/nodes/1/property/api_key`. */
  pointer: string;
  /** Readable location, e.g. `graph "voice_assistant" › node "tts" › api_key`. */
  location: string;
  /**
   * Set when TEN will not substitute it as intended: embedded in longer text (TEN only replaces a
   * whole-value placeholder), or malformed (no variable name).
   */
  problem?: string;
}

const WHOLE = /^\$\{(.*)\}$/s;
const EMBEDDED = /\$\{env:([^}]*)\}/g;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses one whole-value placeholder; undefined when `value` is not one (or its scope is not env). */
export function parseEnvPlaceholder(value: string): { variable: string; defaultValue: string | undefined } | undefined {
  const whole = WHOLE.exec(value);
  if (!whole) return undefined;
  const content = whole[1]!;
  const colon = content.indexOf(':');
  if (colon === -1 || content.slice(0, colon) !== 'env') return undefined;
  // TEN drops backslash escapes before looking for the `|`.
  const rest = unescape(content.slice(colon + 1));
  const bar = rest.indexOf('|');
  return bar === -1 ? { variable: rest, defaultValue: undefined } : { variable: rest.slice(0, bar), defaultValue: rest.slice(bar + 1) };
}

function unescape(text: string): string {
  return text.replace(/\\(.)/gs, '$1');
}

/** Every env placeholder in a parsed property.json (or any JSON value), in document order. */
export function findEnvPlaceholders(document: unknown): EnvPlaceholder[] {
  const found: EnvPlaceholder[] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      found.push(...placeholdersIn(value, path, document));
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  walk(document, []);
  return found;
}

function placeholdersIn(value: string, path: (string | number)[], document: unknown): EnvPlaceholder[] {
  const pointer = toPointer(path);
  const location = describeLocation(path, document);
  const whole = parseEnvPlaceholder(value);
  if (whole) {
    const placeholder: EnvPlaceholder = {
      variable: whole.variable,
      defaultValue: whole.defaultValue,
      required: whole.defaultValue === undefined,
      raw: value,
      pointer,
      location,
    };
    if (!VARIABLE_NAME.test(whole.variable)) {
      placeholder.problem = whole.variable === '' ? 'it names no variable' : `${JSON.stringify(whole.variable)} is not a valid variable name`;
    }
    return [placeholder];
  }
  const embedded: EnvPlaceholder[] = [];
  for (const match of value.matchAll(EMBEDDED)) {
    const inner = unescape(match[1]!);
    const bar = inner.indexOf('|');
    const variable = bar === -1 ? inner : inner.slice(0, bar);
    const defaultValue = bar === -1 ? undefined : inner.slice(bar + 1);
    embedded.push({
      variable,
      defaultValue,
      required: defaultValue === undefined,
      raw: value,
      pointer,
      location,
      problem: 'it is part of a longer string, and TEN only substitutes a placeholder that is the whole value',
    });
  }
  return embedded;
}

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** `graph "name" › node "name" › a.b` inside a predefined graph's node properties, else a dotted path. */
export function describeLocation(path: readonly (string | number)[], document: unknown): string {
  const [ten, graphs, graphIndex, graphKey, nodes, nodeIndex, property, ...rest] = path;
  if (ten === 'ten' && graphs === 'predefined_graphs' && typeof graphIndex === 'number' && graphKey === 'graph' && nodes === 'nodes' && typeof nodeIndex === 'number') {
    const graph = at(document, ['ten', 'predefined_graphs', graphIndex]);
    const node = at(graph, ['graph', 'nodes', nodeIndex]);
    const graphName = nameOf(graph) ?? `#${graphIndex}`;
    const nodeName = nameOf(node) ?? `#${nodeIndex}`;
    const inside = property === 'property' ? dotted(rest) : dotted(path.slice(6));
    return `graph "${graphName}" › node "${nodeName}"${inside ? ` › ${inside}` : ''}`;
  }
  return dotted(path) || '(top level)';
}

function dotted(path: readonly (string | number)[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${segment}`)).join('');
}

function at(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function nameOf(value: unknown): string | undefined {
  const name = typeof value === 'object' && value !== null ? (value as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** The placeholders grouped by variable, in order of first appearance. */
export function groupByVariable(placeholders: readonly EnvPlaceholder[]): Map<string, EnvPlaceholder[]> {
  const groups = new Map<string, EnvPlaceholder[]>();
  for (const placeholder of placeholders) {
    const list = groups.get(placeholder.variable) ?? [];
    list.push(placeholder);
    groups.set(placeholder.variable, list);
  }
  return groups;
}
