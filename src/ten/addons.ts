// The addons a TEN app's graphs use, read as the TEN runtime reads them: each addon's own
// `ten_packages/extension/<addon>/property.json` holds defaults (and env placeholders) that a graph
// node's `property` overrides key by key, and its `manifest.json` types each property (`api.property`).
// TEN substitutes `${env:…}` into strings only, so a placeholder where the manifest says int64 or bool
// never becomes a number. `doctor --tenapp` builds on this module.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonWithPosition } from './app.js';
import { findEnvPlaceholders, type EnvPlaceholder } from './placeholders.js';

/** A graph node that runs an extension. */
export interface GraphNode {
  graph: string;
  node: string;
  addon: string;
  /** The node's `property` object (may be absent). */
  property: unknown;
}

/** A placeholder with what the runtime knows about the property it fills. */
export interface AppPlaceholder extends EnvPlaceholder {
  /** The property's path below the node's (or addon's) property object, e.g. ['params', 'key']. */
  propertyPath: (string | number)[];
  /** The addon whose manifest types the property, when known. */
  addon?: string;
  /** The manifest's type for the property (`string`, `int64`, `bool`…), when the manifest says. */
  propertyType?: string;
  /** For an addon's own placeholder: the graph nodes whose `property` sets the same path (they override it). */
  overriddenBy?: string[];
  /** An addon default every node using the addon overrides: the runtime never reads it. */
  unused?: boolean;
}

/** Every extension node of every predefined graph. */
export function graphNodes(document: unknown): GraphNode[] {
  const graphs = (document as { ten?: { predefined_graphs?: unknown } } | null)?.ten?.predefined_graphs;
  if (!Array.isArray(graphs)) return [];
  const nodes: GraphNode[] = [];
  graphs.forEach((graph, graphIndex) => {
    const graphName = nameOf(graph) ?? `#${graphIndex}`;
    const list = (graph as { graph?: { nodes?: unknown } } | null)?.graph?.nodes;
    if (!Array.isArray(list)) return;
    list.forEach((node, nodeIndex) => {
      const addon = (node as { addon?: unknown } | null)?.addon;
      if (typeof addon !== 'string' || addon === '') return;
      nodes.push({ graph: graphName, node: nameOf(node) ?? `#${nodeIndex}`, addon, property: (node as { property?: unknown }).property });
    });
  });
  return nodes;
}

/** An addon's folder in the app: `<appDir>/ten_packages/extension/<addon>`. */
export function addonDir(appDir: string, addon: string): string {
  return join(appDir, 'ten_packages', 'extension', addon);
}

/** A JSON file of an addon, parsed; undefined when missing or unreadable (an addon not installed yet). */
function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = parseJsonWithPosition(text);
  return parsed.ok ? parsed.value : undefined;
}

/**
 * The type a manifest gives a property path (`api.property.properties.params.properties.key.type`);
 * undefined when the manifest does not say.
 */
export function manifestPropertyType(manifest: unknown, path: readonly (string | number)[]): string | undefined {
  let schema = (manifest as { api?: { property?: unknown } } | null)?.api?.property as { properties?: Record<string, unknown>; items?: unknown } | undefined;
  let type: string | undefined;
  for (const segment of path) {
    const next: unknown = typeof segment === 'number' ? schema?.items : schema?.properties?.[segment];
    if (typeof next !== 'object' || next === null) return undefined;
    schema = next as typeof schema;
    type = typeof (next as { type?: unknown }).type === 'string' ? (next as { type: string }).type : undefined;
  }
  return type;
}

/** True when `property` has a value at `path` (a node overriding an addon default). */
function hasPath(property: unknown, path: readonly (string | number)[]): boolean {
  let current = property;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return false;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return true;
}

/**
 * The placeholders the runtime resolves for this app: those of property.json (typed by the node's
 * addon manifest), then each used addon's own property.json (with the nodes that override them).
 * `appDir` holds property.json; `shown(path)` shortens paths for messages.
 */
export function appPlaceholders(appDir: string, document: unknown, shown: (path: string) => string = (path) => path): AppPlaceholder[] {
  const nodes = graphNodes(document);
  const manifests = new Map<string, unknown>();
  const manifestOf = (addon: string) => {
    if (!manifests.has(addon)) manifests.set(addon, readJson(join(addonDir(appDir, addon), 'manifest.json')));
    return manifests.get(addon);
  };

  const result: AppPlaceholder[] = findEnvPlaceholders(document).map((placeholder) => {
    const path = placeholder.pointer.split('/').slice(1).map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
    // /ten/predefined_graphs/G/graph/nodes/N/property/…
    if (path[0] !== 'ten' || path[1] !== 'predefined_graphs' || path[3] !== 'graph' || path[4] !== 'nodes' || path[6] !== 'property') {
      return { ...placeholder, propertyPath: path };
    }
    const graphs = (document as { ten: { predefined_graphs: { graph?: { nodes?: { addon?: unknown }[] } }[] } }).ten.predefined_graphs;
    const addon = graphs[Number(path[2])]?.graph?.nodes?.[Number(path[5])]?.addon;
    const propertyPath = path.slice(7).map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
    if (typeof addon !== 'string') return { ...placeholder, propertyPath };
    return { ...placeholder, propertyPath, addon, propertyType: manifestPropertyType(manifestOf(addon), propertyPath) };
  });

  for (const addon of [...new Set(nodes.map((node) => node.addon))]) {
    const propertyPath = join(addonDir(appDir, addon), 'property.json');
    const own = readJson(propertyPath);
    if (own === undefined) continue;
    const users = nodes.filter((node) => node.addon === addon);
    for (const placeholder of findEnvPlaceholders(own)) {
      const path = placeholder.pointer.split('/').slice(1).map((token) => {
        const text = token.replace(/~1/g, '/').replace(/~0/g, '~');
        return /^\d+$/.test(text) ? Number(text) : text;
      });
      const overriddenBy = users.filter((node) => hasPath(node.property, path)).map((node) => `graph "${node.graph}" › node "${node.node}"`);
      result.push({
        // Every node sets the property itself: the addon's default is never read.
        unused: overriddenBy.length === users.length,
        ...placeholder,
        location: `addon ${addon} (${shown(propertyPath)}) › ${placeholder.location}`,
        propertyPath: path,
        addon,
        propertyType: manifestPropertyType(manifestOf(addon), path),
        overriddenBy,
      });
    }
  }
  return result;
}

function nameOf(value: unknown): string | undefined {
  const name = typeof value === 'object' && value !== null ? (value as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name !== '' ? name : undefined;
}
