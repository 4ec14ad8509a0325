// commander's fold for a repeatable option (`--tag a --tag b` → ['a', 'b']).
export const collect = (value: string, previous: unknown): string[] => [...((previous as string[] | undefined) ?? []), value];
