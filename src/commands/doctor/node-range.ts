// Does a Node version satisfy a package.json `engines` range? The small subset of semver ranges that
// `engines.node` uses in practice: `>=20.19`, `^20.19.0 || >=22.12`, `>=20 <23`, `20.x`, `~20.19`.

type Version = [number, number, number];

interface Comparator {
  op: '>=' | '>' | '<=' | '<' | '=';
  version: Version;
}

export function parseVersion(text: string): Version | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/.exec(text.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** One comparator like `>=20.19`, `^20.19.0`, `~20.19`, `20.x` or `20` → plain comparators. */
function expand(token: string): Comparator[] | undefined {
  const match = /^(>=|<=|>|<|=|\^|~)?\s*v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?$/.exec(token);
  if (!match) return undefined;
  const op = match[1] ?? '';
  const parts = [match[2], match[3], match[4]];
  const wild = (part: string | undefined) => part === undefined || /^[xX*]$/.test(part);
  const known = parts.findIndex(wild);
  const given = known === -1 ? 3 : known;
  const nums = parts.map((part) => (wild(part) ? 0 : Number(part))) as Version;
  if (given === 0) return op === '<' || op === '>' ? [{ op: '<', version: [0, 0, 0] }] : [];
  const bump = (index: number): Version => {
    const next: Version = [...nums];
    next[index]! += 1;
    for (let i = index + 1; i < 3; i++) next[i] = 0;
    return next;
  };
  switch (op) {
    case '^': {
      const index = nums[0] > 0 || given === 1 ? 0 : nums[1] > 0 || given === 2 ? 1 : 2;
      return [{ op: '>=', version: nums }, { op: '<', version: bump(index) }];
    }
    case '~':
      return [{ op: '>=', version: nums }, { op: '<', version: bump(given === 1 ? 0 : 1) }];
    case '':
    case '=':
      return given === 3 ? [{ op: '=', version: nums }] : [{ op: '>=', version: nums }, { op: '<', version: bump(given - 1) }];
    case '>':
      return given === 3 ? [{ op: '>', version: nums }] : [{ op: '>=', version: bump(given - 1) }];
    case '<=':
      return given === 3 ? [{ op: '<=', version: nums }] : [{ op: '<', version: bump(given - 1) }];
    default:
      return [{ op: op as Comparator['op'], version: nums }];
  }
}

function test(version: Version, comparator: Comparator): boolean {
  const order = compare(version, comparator.version);
  switch (comparator.op) {
    case '>=':
      return order >= 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '<':
      return order < 0;
    case '=':
      return order === 0;
  }
}

/** true / false, or undefined when the version or the range cannot be read. */
export function satisfies(versionText: string, range: string): boolean | undefined {
  const version = parseVersion(versionText);
  if (!version) return undefined;
  const alternatives = range.split('||').map((part) => part.trim());
  let readable = false;
  for (const alternative of alternatives) {
    const tokens = alternative === '' || alternative === '*' ? [] : alternative.replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/);
    const comparators: Comparator[] = [];
    let ok = true;
    for (const token of tokens) {
      const expanded = expand(token);
      if (!expanded) {
        ok = false;
        break;
      }
      comparators.push(...expanded);
    }
    if (!ok) continue;
    readable = true;
    if (comparators.every((comparator) => test(version, comparator))) return true;
  }
  return readable ? false : undefined;
}
