// With --mock the emulator runs inside the command and exits with it: what a command made there is gone
// afterwards, so its hint must not send the user to a later command that could not find it.

/** What a command that made `what` (e.g. `persona p123`) says under --mock instead of naming a next command. */
export function goneWithMockHint(what: string): string {
  return `With --mock the emulator runs inside this command, so ${what} is gone when it exits; run \`tavus-ten mock\` in another terminal to keep one between commands.`;
}
