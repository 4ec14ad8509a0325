// The fixed values an option accepts, as completion offers them, attached where the option is defined
// (from the same list its validation uses). Not commander's `choices()`: that would check values itself,
// with its own message, in place of the flag's exit-2 error with a fix.
import type { Option } from 'commander';

const offered = new WeakMap<Option, readonly string[]>();

/** Marks `option` as taking one of `values`; returns it, for `.addOption(offerValues(new Option(…), LIST))`. */
export function offerValues(option: Option, values: readonly string[]): Option {
  offered.set(option, values);
  return option;
}

export function offeredValues(option: Option): readonly string[] | undefined {
  return offered.get(option);
}
