// What the root help shows, as data: commander's help for the root program with every top-level command
// stood in from the command table, split into what the terminal's width changes (each description,
// wrapped) and what it does not. The build computes it once and compiles it into dist/root-help.cjs;
// from src/ it is computed here, with commander, when asked.
import type { Command } from 'commander';
import { COMMAND_MODULES } from './command-table.js';
import { addCommandStub, rootCommand } from './root-command.js';

export interface RootHelpLayout {
  usage: string;
  description: string;
  /** The width of the widest term, which every description is aligned after. */
  termWidth: number;
  sections: { heading: string; items: [term: string, description: string][] }[];
  /** The text added after the help (examples, help topics): never wrapped. */
  after: string;
}

/** The root program as the root help renders it: the root command and a stub for each group (their terms from the table). */
function rootHelpProgram(): Command {
  const program = rootCommand();
  for (const module of COMMAND_MODULES) addCommandStub(program, module);
  return program;
}

/** The parts of commander's Help.formatHelp for this program (which has no arguments, groups or parent). */
export function rootHelpLayout(): RootHelpLayout {
  const program = rootHelpProgram();
  const helper = program.createHelp();
  let after = '';
  // What addHelpText('after', …) registered: commander writes it after the help, as is.
  (program as unknown as NodeJS.EventEmitter).emit('afterHelp', { error: false, command: program, write: (text: string) => (after += text) });
  return {
    usage: helper.commandUsage(program),
    description: helper.commandDescription(program),
    termWidth: helper.padWidth(program, helper),
    sections: [
      { heading: 'Options:', items: helper.visibleOptions(program).map((option) => [helper.optionTerm(option), helper.optionDescription(option)]) },
      { heading: 'Commands:', items: helper.visibleCommands(program).map((command) => [helper.subcommandTerm(command), helper.subcommandDescription(command)]) },
    ],
    after,
  };
}
