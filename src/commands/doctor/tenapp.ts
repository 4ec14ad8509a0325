// TEN app checks (--tenapp): property.json parses, and every ${env:VAR} placeholder in it has a value
// where the TEN runtime will look (its environment; the .env beside the app or up to the repository
// root). A required placeholder (no `|default`) left unset stops the app; an empty one is suspicious.
// The used addons' own property.json count too, and their manifests say which properties are not strings.
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { isTavusTenError } from '../../errors.js';
import { mask } from '../../io/mask.js';
import { readDotenvFile } from '../../settings/dotenv.js';
import { SETTING_DEFINITIONS, type Settings } from '../../settings/resolve.js';
import { describeSource } from '../../settings/sources.js';
import { readTenApp, tenDotenvFiles } from '../../ten/app.js';
import { appPlaceholders, type AppPlaceholder } from '../../ten/addons.js';
import { groupByVariable, type EnvPlaceholder } from '../../ten/placeholders.js';
import { fail, pass, skip, warn, type CheckList, type Outcome } from './checks.js';

export interface TenappCheckInput {
  list: CheckList;
  appDir: string;
  propertyPath: string;
  /** The real environment the TEN app would inherit from this shell. */
  env: Record<string, string | undefined>;
  /** tavus-ten's own settings, to spot values it has (from a profile) that TEN cannot see. */
  settings: Settings | undefined;
  cwd: string;
}

const SECRET_NAME = /KEY|SECRET|TOKEN|PASS|CREDENTIAL|AUTH|CERT/i;
const MAX_LOCATIONS = 3;

interface Layer {
  where: string;
  values: Record<string, string | undefined>;
}

export async function runTenappChecks(input: TenappCheckInput): Promise<void> {
  const { list } = input;
  const app = readTenApp(input.propertyPath);
  if (!app.ok) {
    await list.run('TEN app', 'tenapp.property_json', () => fail(app.problem, app.hint));
    return;
  }
  // property.json's placeholders and those of each used addon's own property.json, typed by their manifests.
  const placeholders = appPlaceholders(input.appDir, app.document, (path) => shortPath(path, input.cwd));
  const variables = groupByVariable(placeholders) as Map<string, AppPlaceholder[]>;
  const addonCount = placeholders.length - app.placeholders.length;
  await list.run('TEN app', 'tenapp.property_json', () => {
    const graphs = app.graphs.length === 0 ? 'no predefined graphs' : `graph${app.graphs.length === 1 ? '' : 's'} ${app.graphs.join(', ')}`;
    const summary =
      `${app.propertyPath}: ${graphs}; ${app.placeholders.length} env placeholder${app.placeholders.length === 1 ? '' : 's'}` +
      `${addonCount > 0 ? ` (and ${addonCount} in the addons' own property.json)` : ''} for ${variables.size} variable${variables.size === 1 ? '' : 's'}`;
    if (app.graphs.length === 0) {
      return warn(`${summary}.`, 'Add a graph under ten.predefined_graphs (`tavus-ten ten init` writes one for Daily or LiveKit).');
    }
    return pass(`${summary}.`);
  });

  // Where the runtime finds values: its environment first, then the nearest .env.
  const layers: Layer[] = [{ where: 'the environment', values: input.env }];
  const unreadable: string[] = [];
  const files = tenDotenvFiles(input.appDir, homedir());
  for (const file of files) {
    try {
      layers.push({ where: shortPath(file, input.cwd), values: readDotenvFile(file, true) });
    } catch (error) {
      if (!isTavusTenError(error)) throw error;
      unreadable.push(error.message);
    }
  }
  const suggestedFile = files[0] ?? join(input.appDir, '.env');
  await list.run('TEN app', 'tenapp.dotenv', (): Outcome => {
    if (unreadable.length > 0) return fail(unreadable.join(' '), 'Fix that line (KEY=VALUE, comments start with #); until then its values are not read.');
    if (files.length === 0) {
      return skip(`No .env beside the app or up to the repository root; only the environment counts.`, `Put the variables in ${shortPath(suggestedFile, input.cwd)} or export them.`);
    }
    return pass(`Read ${files.map((file) => shortPath(file, input.cwd)).join(', ')}${files.length > 1 ? ' (the first one that sets a variable wins)' : ''}.`);
  });

  for (const [variable, placeholders] of variables) {
    await list.run('TEN app', `tenapp.env.${variable}`, () => placeholderOutcome(variable, placeholders, layers, input, suggestedFile));
  }
}

function placeholderOutcome(variable: string, all: AppPlaceholder[], layers: Layer[], input: TenappCheckInput, suggestedFile: string): Outcome {
  const placeholders = all.filter((placeholder) => !placeholder.unused);
  if (placeholders.length === 0) {
    return pass(`Not read: only ${describeLocations(all)} uses it, and ${all[0]!.overriddenBy!.join(', ')} set${all[0]!.overriddenBy!.length === 1 ? 's' : ''} that property.`);
  }
  const where = describeLocations(placeholders) + overrideNote(placeholders);
  const broken = placeholders.find((placeholder) => placeholder.problem !== undefined);
  if (broken) {
    return warn(`${broken.raw} at ${broken.location}: ${broken.problem}.`, `Make the whole value the placeholder, e.g. "\${env:${variable || 'VAR'}}", and build longer values in the extension.`);
  }
  // TEN substitutes a placeholder with a string: a property the addon declares as a number or boolean gets text.
  const typed = placeholders.find((placeholder) => placeholder.propertyType !== undefined && !['string', 'buf'].includes(placeholder.propertyType));
  if (typed) {
    return fail(
      `${typed.raw} at ${typed.location}: addon ${typed.addon}'s manifest.json types this property as ${typed.propertyType}, and TEN substitutes env placeholders as strings only.`,
      `Write the ${/^(bool)$/.test(typed.propertyType!) ? 'boolean' : 'number'} itself in property.json (no placeholder), or have the extension read ${variable} from its environment.`,
    );
  }
  const required = placeholders.some((placeholder) => placeholder.required);
  const defaults = [...new Set(placeholders.filter((p) => !p.required).map((p) => p.defaultValue ?? ''))];
  // `${env:VAR|}` on a key, token, secret or URL: unset, TEN passes "" and the extension fails later.
  const sensitiveEmpty = placeholders.find((p) => !p.required && (p.defaultValue ?? '') === '' && SENSITIVE_PROPERTY.test(String(p.propertyPath.at(-1) ?? '')));
  const found = layers.find((layer) => layer.values[variable] !== undefined);
  const file = shortPath(suggestedFile, input.cwd);
  if (!found) {
    if (sensitiveEmpty) {
      return warn(
        `${variable} is not set, so TEN passes its empty default "" to ${sensitiveEmpty.location}, which holds a ${String(sensitiveEmpty.propertyPath.at(-1))}${overrideNote([sensitiveEmpty])}.`,
        `Set ${variable} in ${file} or export it before starting the app.`,
      );
    }
    if (!required) return pass(`Not set; TEN uses the default ${defaults.map((d) => JSON.stringify(d)).join(' / ')} (${where}).`);
    const known = tavusTenValue(variable, input.settings);
    return fail(
      `${variable} is not set, and ${where} requires it: the TEN runtime stops at start.${known ? ` (tavus-ten has it from ${known}, which TEN cannot read.)` : ''}`,
      `Set ${variable} in ${file} or export it before starting the app (see .env.example).`,
    );
  }
  const value = found.values[variable]!;
  if (value === '') {
    return warn(
      `${variable} is set but empty (${found.where}); TEN passes "" ${required ? '' : `instead of the default ${JSON.stringify(defaults[0] ?? '')} `}to ${where}.`,
      required ? `Give ${variable} a value in ${found.where}.` : `Give ${variable} a value, or remove it from ${found.where} to use the default.`,
    );
  }
  // Only this shell has it: an app started by tman designer or a service manager does not inherit the shell.
  const inDotenv = layers.slice(1).some((layer) => layer.values[variable] !== undefined);
  if (found === layers[0] && !inDotenv && (required || sensitiveEmpty)) {
    return warn(
      `${display(variable, value)} is set only in this shell's environment, in no .env the app loads; used by ${where}.`,
      `Put ${variable} in ${file}: an app started by tman designer or a service manager does not inherit this shell.`,
    );
  }
  return pass(`${display(variable, value)} (${found.where}); used by ${where}.`);
}

/** Property names that hold a key, token, secret or URL (an empty one is never meant). */
const SENSITIVE_PROPERTY = /(key|token|secret|password|url|uri)$/i;

/** "; graph "x" › node "y" sets it" for an addon default some nodes override. */
function overrideNote(placeholders: AppPlaceholder[]): string {
  const nodes = [...new Set(placeholders.flatMap((placeholder) => placeholder.overriddenBy ?? []))];
  return nodes.length === 0 ? '' : ` (overridden in ${nodes.join(', ')})`;
}

/** A tavus-ten setting TEN reads under the same name, when tavus-ten got it from a profile or a flag. */
function tavusTenValue(variable: string, settings: Settings | undefined): string | undefined {
  if (!settings) return undefined;
  for (const [name, definition] of Object.entries(SETTING_DEFINITIONS)) {
    if (!(definition.env as readonly string[]).includes(variable)) continue;
    const setting = settings[name as keyof typeof SETTING_DEFINITIONS];
    if (setting.value !== undefined && (setting.source === 'profile' || setting.source === 'flag')) return describeSource(setting);
  }
  return undefined;
}

function describeLocations(placeholders: EnvPlaceholder[]): string {
  const locations = [...new Set(placeholders.map((placeholder) => placeholder.location))];
  const shown = locations.slice(0, MAX_LOCATIONS).join(', ');
  return locations.length > MAX_LOCATIONS ? `${shown} and ${locations.length - MAX_LOCATIONS} more` : shown;
}

function display(variable: string, value: string): string {
  if (SECRET_NAME.test(variable)) return `${variable}=${mask(value)}`;
  return `${variable}=${value.length > 60 ? `${value.slice(0, 57)}…` : value}`;
}

function shortPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && rel.length < path.length ? rel : path;
}
