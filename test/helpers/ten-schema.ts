// Our own checks of TEN's JSON schemas for manifest.json and property.json (TEN-framework's
// core/src/ten_rust/src/json_schema/data/ manifest.schema.json, property.schema.json and
// shared-definitions.schema.json, snapshot 2026-08), written in zod from reading them: the same
// required fields, patterns, closed objects (additionalProperties: false) and one-of rules. Plus what
// TEN checks when it loads a graph: every connection names a node of the graph.
import { z } from 'zod';

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must match ^[A-Za-z_][A-Za-z0-9_]*$');
const notEmpty = z.string().min(1);
const version = z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/, 'must be a semver version');
const versionRequirement = z
  .string()
  .regex(/^(?:\^|~|>|<|>=|<=|=)?\d+(?:\.\d+)?(?:\.\d+)?(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/, 'must be a single-range version requirement');
const locale = /^[a-z]{2}(-[A-Z]{2})?$/;

const localizedText = z.strictObject({
  locales: z
    .record(z.string().regex(locale, 'must be a BCP47 locale such as en-US'), z.union([z.strictObject({ content: notEmpty }), z.strictObject({ import_uri: notEmpty })]))
    .refine((locales) => Object.keys(locales).length >= 1, 'needs at least one locale'),
});

const VALUE_TYPES = ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64', 'string', 'buf', 'ptr', 'array', 'object'] as const;

type ValueType = { type: (typeof VALUE_TYPES)[number]; description?: unknown; items?: ValueType; properties?: Record<string, ValueType>; required?: string[] };
const valueType: z.ZodType<ValueType> = z.lazy(() =>
  z
    .strictObject({
      type: z.enum(VALUE_TYPES),
      description: z.union([z.string(), localizedText]).optional(),
      items: valueType.optional(),
      properties: z.record(identifier, valueType).optional(),
      required: z.array(z.string()).min(1).optional(),
    })
    .superRefine((value, ctx) => {
      if (value.type === 'array' && !value.items) ctx.addIssue({ code: 'custom', message: 'an array type needs items' });
      if (value.type === 'object' && !value.properties) ctx.addIssue({ code: 'custom', message: 'an object type needs properties' });
      if (value.type !== 'array' && value.items) ctx.addIssue({ code: 'custom', message: 'only an array type has items' });
      if (value.type !== 'object' && value.properties) ctx.addIssue({ code: 'custom', message: 'only an object type has properties' });
    }),
);

const propertySchema = z.strictObject({ properties: z.record(identifier, valueType).optional(), required: z.array(z.string()).min(1).optional() });
const cmdApi = z.strictObject({
  name: identifier,
  property: propertySchema.optional(),
  result: z.strictObject({ property: z.strictObject({ properties: z.record(identifier, valueType).refine((p) => Object.keys(p).length >= 1, 'needs a property').optional(), required: z.array(z.string()).min(1).optional() }) }).optional(),
});
const dataApi = z.looseObject({ name: identifier, property: propertySchema.optional() });
const interfaceSchema = z.strictObject({
  interface: z.array(z.strictObject({ import_uri: notEmpty })).optional(),
  property: propertySchema.optional(),
  cmd_in: z.array(cmdApi).optional(),
  cmd_out: z.array(cmdApi).optional(),
  data_in: z.array(dataApi).optional(),
  data_out: z.array(dataApi).optional(),
  audio_frame_in: z.array(dataApi).optional(),
  audio_frame_out: z.array(dataApi).optional(),
  video_frame_in: z.array(dataApi).optional(),
  video_frame_out: z.array(dataApi).optional(),
});

const dependency = z.union([z.strictObject({ path: notEmpty }), z.strictObject({ type: z.enum(['app', 'extension', 'system', 'protocol', 'addon_loader']), name: identifier, version: versionRequirement })]);

/** manifest.json of an app or an extension. */
export const tenManifest = z
  .strictObject({
    type: z.enum(['app', 'extension', 'system', 'protocol', 'addon_loader']),
    name: identifier,
    version,
    description: localizedText.optional(),
    display_name: localizedText.optional(),
    readme: localizedText.optional(),
    tags: z.array(z.string().regex(/^(ten:)?[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier, optionally ten:-prefixed')).optional(),
    dependencies: z.array(dependency).optional(),
    dev_dependencies: z.array(dependency).optional(),
    api: interfaceSchema.optional(),
    supports: z.array(z.looseObject({ os: z.enum(['linux', 'win', 'mac']).optional(), arch: z.enum(['x86', 'x64', 'arm', 'arm64']).optional() })).optional(),
    package: z.strictObject({ include: z.array(z.string()).optional() }).optional(),
    scripts: z.record(identifier, z.string()).optional(),
  })
  .superRefine((manifest, ctx) => {
    // An app's manifest may only declare `api.property`.
    if (manifest.type === 'app' && manifest.api && Object.keys(manifest.api).some((key) => key !== 'property')) {
      ctx.addIssue({ code: 'custom', path: ['api'], message: "an app's api may only hold property" });
    }
  });

type PropertyValue = string | number | boolean | PropertyValue[] | { [key: string]: PropertyValue };
/** A property value: no null anywhere (TEN's validPropertyObject / validPropertyArrayItem). */
const propertyValue: z.ZodType<PropertyValue> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.array(propertyValue), z.record(z.string(), propertyValue)]));

const msgDest = z.union([
  z.strictObject({ extension: identifier, app: notEmpty.optional(), msg_conversion: z.looseObject({ type: z.literal('per_property'), rules: z.array(z.looseObject({})).min(1) }).optional() }),
  z.strictObject({ subgraph: identifier, msg_conversion: z.looseObject({}).optional() }),
  z.strictObject({ selector: identifier }),
]);
const msgSource = z.union([z.strictObject({ extension: identifier, app: notEmpty.optional() }), z.strictObject({ subgraph: identifier }), z.strictObject({ selector: identifier })]);
const messageFlows = z.array(
  z
    .strictObject({ name: identifier.optional(), names: z.array(identifier).optional(), dest: z.array(msgDest).min(1).optional(), source: z.array(msgSource).min(1).optional() })
    .refine((flow) => flow.name !== undefined || flow.names !== undefined, 'needs name or names')
    .refine((flow) => (flow.dest === undefined) !== (flow.source === undefined), 'needs exactly one of dest and source'),
);
const connection = z
  .strictObject({
    app: notEmpty.optional(),
    extension: identifier.optional(),
    subgraph: identifier.optional(),
    selector: identifier.optional(),
    cmd: messageFlows.optional(),
    data: messageFlows.optional(),
    video_frame: messageFlows.optional(),
    audio_frame: messageFlows.optional(),
  })
  .refine((c) => [c.extension, c.subgraph, c.selector].filter((x) => x !== undefined).length === 1, 'needs exactly one of extension, subgraph and selector');
const node = z.union([
  z.strictObject({ type: z.literal('extension'), name: identifier, addon: identifier, extension_group: identifier.optional(), app: notEmpty.optional(), property: z.record(z.string(), propertyValue).optional() }),
  z.strictObject({ type: z.literal('subgraph'), name: identifier, graph: z.strictObject({ import_uri: notEmpty }), property: z.record(z.string(), propertyValue).optional() }),
  z.strictObject({ type: z.literal('selector'), name: identifier, filter: z.looseObject({}) }),
]);
const graph = z.strictObject({
  import_uri: notEmpty.optional(),
  nodes: z.array(node).optional(),
  connections: z.array(connection).optional(),
  exposed_messages: z.array(z.looseObject({})).optional(),
  exposed_properties: z.array(z.looseObject({})).optional(),
});
const predefinedGraph = z.strictObject({ name: identifier, auto_start: z.boolean().optional(), singleton: z.boolean().optional(), sync_stop_before_deinit: z.boolean().optional(), graph: graph.optional() });
const logHandler = z.strictObject({
  matchers: z.array(z.strictObject({ level: z.enum(['off', 'debug', 'info', 'warn', 'error']).optional(), category: notEmpty.optional() })).min(1),
  formatter: z.strictObject({ type: z.enum(['plain', 'json']), colored: z.boolean().optional() }),
  emitter: z.strictObject({ type: z.enum(['console', 'file', 'otlp']), config: z.looseObject({}) }),
});
const tenConfiguration = z.looseObject({
  uri: notEmpty.refine((uri) => uri !== 'localhost', 'must not be localhost').optional(),
  predefined_graphs: z.array(predefinedGraph).optional(),
  log: z.strictObject({ handlers: z.array(logHandler).min(1).optional() }).optional(),
});

/** property.json of an app or an extension, with TEN's graph-load check that connections name nodes. */
export const tenProperty = z
  .looseObject({ ten: tenConfiguration.optional(), _ten: tenConfiguration.optional() })
  .superRefine((document, ctx) => {
    for (const [key, value] of Object.entries(document)) {
      if (key !== 'ten' && key !== '_ten' && !propertyValue.safeParse(value).success) ctx.addIssue({ code: 'custom', path: [key], message: 'not a valid property value (null is not allowed)' });
    }
    document.ten?.predefined_graphs?.forEach((predefined, g) => {
      const names = new Set((predefined.graph?.nodes ?? []).map((n) => n.name));
      predefined.graph?.connections?.forEach((c, i) => {
        const here = ['ten', 'predefined_graphs', g, 'graph', 'connections', i];
        if (c.extension && !names.has(c.extension)) ctx.addIssue({ code: 'custom', path: here, message: `names no node: ${c.extension}` });
        for (const kind of ['cmd', 'data', 'audio_frame', 'video_frame'] as const) {
          for (const flow of c[kind] ?? []) {
            for (const end of [...(flow.dest ?? []), ...(flow.source ?? [])]) {
              if ('extension' in end && !names.has(end.extension)) ctx.addIssue({ code: 'custom', path: [...here, kind], message: `names no node: ${end.extension}` });
            }
          }
        }
      });
    });
  });

/** Problems as `path: message` lines; empty when valid. */
export function schemaProblems(schema: z.ZodType, document: unknown): string[] {
  const result = schema.safeParse(document);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
