// The verbs of a set resource (objectives, guardrails): create from a JSON file (validated before
// sending), list, get, update (a JSON Patch from --patch-file or --set, or the difference to a --file),
// delete. Each resource gives its names, schema and client calls once (objectives.ts, guardrails.ts).
import type { Command } from 'commander';
import * as z from '../../zod.js';
import type { JsonPatchOp, TavusClient } from '../../api/client.js';
import { UsageError } from '../../errors.js';
import type { Context, Runtime } from '../../context.js';
import type { Column } from '../../io/table.js';
import { collect } from '../common/collect.js';
import { addCommands, defineCommand, examples, option } from '../kit.js';
import { readBodyFile } from '../common/body-file.js';
import { deleteIds } from '../common/delete-ids.js';
import { printDryRun } from '../common/dry-run.js';
import { PAGING_OPTIONS, printList, readPagingOptions } from '../common/list.js';
import { readPatchFile } from '../common/patch-file.js';
import { resourceId } from '../../flags.js';
import { documentAfter, patchPaths, setOperations } from '../common/json-patch.js';
import { parseSetFlag } from '../common/set-flag.js';
import { diffItems } from './diff.js';

/** A set as read back: its id, its items, and (guardrails) its name. */
export interface SetView {
  id: string;
  name?: string | null;
  data: Record<string, unknown>[];
  raw: unknown;
}

export interface SetResource<ListItem, Body extends { data: Record<string, unknown>[] }> {
  /** `objectives`, `guardrails`: the command, and the noun in messages. */
  noun: string;
  /** `objectives_id`. */
  idField: string;
  /** `objective_name`: how items are matched and shown. */
  itemName: string;
  /** `objective_prompt`. */
  itemPrompt: string;
  bodySchema: z.core.$ZodType<Body>;
  /** A minimal valid file, for hints and help. */
  example: string;
  listColumns: Column<ListItem>[];
  listId: (item: ListItem) => string;
  api: (client: TavusClient) => {
    list(query: { limit?: number; page?: number }): Promise<{ data: ListItem[]; total_count: number }>;
    all(): AsyncIterable<ListItem>;
    get(id: string): Promise<SetView>;
    create(body: Body): Promise<{ id: string; raw: unknown }>;
    update(id: string, patch: JsonPatchOp[]): Promise<{ changed: boolean }>;
    delete(id: string): Promise<void>;
  };
}

export function registerSetCommands<ListItem, Body extends { data: Record<string, unknown>[] }>(
  program: Command,
  runtime: Runtime,
  resource: SetResource<ListItem, Body>,
  summaryExamples: string[],
): void {
  const { noun } = resource;
  const a = /^[aeiou]/.test(noun) ? 'an' : 'a';
  const group = program.command(noun);
  examples(group, summaryExamples);
  const hint = `Write a JSON file such as ${resource.example}.`;
  const dryRun = option('--dry-run', 'print the request (key masked) and send nothing', z.optional(z.boolean()));

  const create = defineCommand({
    names: ['create'],
    description: `create ${a} ${noun} set from a JSON file (checked before anything is sent)`,
    options: {
      // Required: its schema refuses undefined, so the toolkit reports it missing with this command's --help.
      file: option('--file <path>', `the set as JSON, e.g. ${resource.example} (- for stdin)`, z.string(), { stdin: true }),
      dryRun,
    },
    examples: [`tavus-ten ${noun} create --file ${noun}.json`, `tavus-ten ${noun} create --file ${noun}.json -q`],
    handler: async (ctx, opts) => {
      const body = await readBodyFile(ctx, opts.file, '--file', resource.bodySchema, hint);
      if (opts.dryRun === true) return printDryRun(ctx, { method: 'POST', path: `/${noun}`, body });
      const created = await resource.api(await ctx.client()).create(body);
      const { output } = ctx;
      if (output.json) output.printJson(created.raw);
      else if (output.quiet) output.printIds([created.id]);
      else output.success(`Created ${noun} ${created.id} (${body.data.length} item${body.data.length === 1 ? '' : 's'}).`);
    },
  });

  const list = defineCommand({
    names: ['list', 'ls'],
    description: `list ${noun}`,
    options: { ...PAGING_OPTIONS },
    examples: [`tavus-ten ${noun} list`, `tavus-ten ${noun} list --all --json`],
    handler: async (ctx, opts) => {
      const paging = readPagingOptions(opts);
      const api = resource.api(await ctx.client());
      await printList<ListItem>(ctx, { paging, noun, fetchPage: (q) => api.list(q), fetchAll: () => api.all(), id: resource.listId, columns: resource.listColumns });
    },
  });

  const get = defineCommand({
    names: ['get'],
    description: `show one ${noun} set`,
    args: [{ name: '<id>', description: `${noun} id` }],
    examples: [`tavus-ten ${noun} get ID`, `tavus-ten ${noun} get ID --json`],
    handler: async (ctx, _opts, [rawId]) => {
      const set = await resource.api(await ctx.client()).get(resourceId(rawId, `${noun} id`));
      const { output } = ctx;
      if (output.json) return output.printJson(set.raw);
      if (output.quiet) return output.printIds([set.id]);
      output.printFields([['id', set.id], ...(set.name === undefined ? [] : ([['name', set.name]] as const))]);
      output.printTable(
        set.data.map((item, index) => ({ index, item })),
        [
          { header: '#', value: (row) => String(row.index) },
          { header: 'name', value: (row) => row.item[resource.itemName] as string },
          { header: 'prompt', value: (row) => row.item[resource.itemPrompt] as string },
        ],
      );
    },
  });

  const update = defineCommand({
    names: ['update'],
    description: `change ${a} ${noun} set (a JSON Patch: only what you name changes)`,
    args: [{ name: '<id>', description: `${noun} id` }],
    options: {
      file: option('--file <path>', `the set as it should be: items are matched by ${resource.itemName}, only differing fields are patched`, z.optional(z.string()), { stdin: true }),
      set: option('--set <pointer=json>', `set one value, e.g. --set '/data/0/${resource.itemPrompt}="…"' (repeatable)`, z.optional(z.array(z.string())), { collect }),
      patchFile: option('--patch-file <path>', 'a JSON Patch array (RFC 6902) to send (- for stdin)', z.optional(z.string()), { stdin: true }),
      dryRun: option('--dry-run', 'print the PATCH (key masked) and send no change', z.optional(z.boolean())),
    },
    examples: [`tavus-ten ${noun} update ID --file ${noun}.json`, `tavus-ten ${noun} update ID --set '/data/0/${resource.itemPrompt}="Be brief."' --dry-run`],
    handler: (ctx, opts, [rawId]) => updateSet(ctx, opts, rawId, resource, hint),
  });

  const remove = defineCommand({
    names: ['delete', 'rm'],
    description: `delete ${noun} sets (asks first on a terminal; --yes otherwise)`,
    args: [{ name: '<ids...>', description: `one or more ${noun} ids` }],
    examples: [`tavus-ten ${noun} delete ID`, `tavus-ten ${noun} delete ID1 ID2 --yes --json`],
    handler: (ctx, _opts, [ids]) => deleteIds(ctx, ids, { noun, plural: `${noun} sets`, idField: resource.idField, remove: (client, id) => resource.api(client).delete(id) }),
  });

  addCommands(group, runtime, [create, list, get, update, remove]);
}


async function updateSet<ListItem, Body extends { data: Record<string, unknown>[] }>(
  ctx: Context,
  opts: { file?: string; set?: string[]; patchFile?: string; dryRun?: boolean },
  rawId: string,
  resource: SetResource<ListItem, Body>,
  hint: string,
): Promise<void> {
  const { output } = ctx;
  const { noun } = resource;
  const id = resourceId(rawId, `${noun} id`);
  const sets = ((opts.set as string[] | undefined) ?? []).map(parseSetFlag);
  const desired = typeof opts.file === 'string' ? await readBodyFile(ctx, opts.file, '--file', resource.bodySchema, hint) : undefined;
  // Checked for its form only: the values go to Tavus as written.
  const fileOps = typeof opts.patchFile === 'string' ? await readPatchFile(ctx, opts.patchFile, { example: `{"op": "replace", "path": "/data/0/${resource.itemPrompt}", "value": "…"}` }) : [];
  if (!desired && sets.length === 0 && fileOps.length === 0) {
    throw new UsageError('Nothing to update.', { hint: 'Pass --file PATH, --set /pointer=JSON or --patch-file PATH.' });
  }
  const api = resource.api(await ctx.client());
  const current = desired || sets.length > 0 ? await api.get(id) : undefined;
  // Each kind of operation is chosen against the set as the ones sent before it leave it.
  const afterFile = documentAfter({ data: current?.data ?? [] }, fileOps) as { data: Record<string, unknown>[] };
  const itemOps = desired ? diffItems(afterFile.data, desired.data, resource.itemName) : [];
  const operations: JsonPatchOp[] = [...fileOps, ...itemOps, ...setOperations(documentAfter(afterFile, itemOps), sets)];
  if (opts.dryRun === true) return printDryRun(ctx, { method: 'PATCH', path: `/${noun}/${encodeURIComponent(id)}`, body: operations });
  if (operations.length === 0) {
    if (output.json) output.printJson(current?.raw);
    else if (output.quiet) output.printIds([id]);
    else output.success(`No changes: ${noun} ${id} already holds what ${String(opts.file)} states.`);
    return;
  }
  const { changed } = await api.update(id, operations);
  if (output.json) output.printJson((await api.get(id)).raw);
  else if (output.quiet) output.printIds([id]);
  else if (!changed) output.success(`No changes: ${noun} ${id} already had these values.`);
  else output.success(`Updated ${noun} ${id}: ${patchPaths(operations).join(', ')}.`);
}
