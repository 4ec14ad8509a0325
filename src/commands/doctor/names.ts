// Variable names that disagree: the deprecated PAL/Face aliases set alongside (or instead of) the
// persona/replica names that tavus-ten, the TEN examples and Tavus's guides read.
import { fail, pass, warn, type Outcome } from './checks.js';

export const NAME_PAIRS = [
  { main: 'TAVUS_PERSONA_ID', alias: 'TAVUS_PAL_ID' },
  { main: 'TAVUS_REPLICA_ID', alias: 'TAVUS_FACE_ID' },
] as const;

export interface VariableLayer {
  /** e.g. "the environment", "/app/.env" */
  where: string;
  values: Record<string, string | undefined>;
}

interface Found {
  value: string;
  where: string;
}

function lookup(name: string, layers: readonly VariableLayer[]): Found | undefined {
  for (const layer of layers) {
    const value = layer.values[name];
    if (value !== undefined && value !== '') return { value, where: layer.where };
  }
  return undefined;
}

/** The main name wins within a layer; across layers the higher layer wins (as settings/resolve.ts does). */
function rank(found: Found, layers: readonly VariableLayer[]): number {
  return layers.findIndex((layer) => layer.where === found.where);
}

/** Layers in precedence order (the real environment first, then tavus-ten's .env). */
export function checkNameAliases(layers: readonly VariableLayer[], unreadable?: string): Outcome {
  const problems: string[] = [];
  const fixes: string[] = [];
  const fine: string[] = [];
  for (const { main, alias } of NAME_PAIRS) {
    const mainFound = lookup(main, layers);
    const aliasFound = lookup(alias, layers);
    if (!aliasFound) {
      if (mainFound) fine.push(main);
      continue;
    }
    if (!mainFound) {
      problems.push(
        `${alias}, a deprecated alias, is set (${aliasFound.where}) without ${main}: tavus-ten reads it, but TEN graphs and Tavus's examples read ${main}`,
      );
      fixes.push(`rename ${alias} to ${main}`);
    } else if (mainFound.value !== aliasFound.value) {
      problems.push(
        `${main} (${mainFound.value}, ${mainFound.where}) and ${alias} (${aliasFound.value}, ${aliasFound.where}) differ; tavus-ten uses ${rank(mainFound, layers) <= rank(aliasFound, layers) ? main : alias}`,
      );
      fixes.push(`unset ${alias}`);
    } else {
      fine.push(`${main} (${alias} repeats it)`);
    }
  }
  if (unreadable) return fail(unreadable, 'Fix that line of the .env file.');
  if (problems.length === 0) {
    return pass(fine.length === 0 ? 'No persona/replica id variables set, so no alias conflicts.' : `${fine.join(' and ')} set under the main name${fine.length > 1 ? 's' : ''}; no aliases.`);
  }
  const hint = fixes.join('; ');
  return warn(`${problems.join('; ')}.`, `${hint.charAt(0).toUpperCase()}${hint.slice(1)}.`);
}
