// The help topics' names and one-line summaries: plain data, so the root --help can list them
// without loading the topics themselves.
export interface HelpTopicSummary {
  name: string;
  aliases: string[];
  summary: string;
}

export const HELP_TOPIC_INDEX = {
  environment: {
    name: 'environment',
    aliases: ['env', 'environment-variables'],
    summary: 'every environment variable read, and what it means',
  },
  'exit-codes': {
    name: 'exit-codes',
    aliases: ['exit-code', 'exit-status'],
    summary: 'exit codes, and the error codes --json prints',
  },
} as const satisfies Record<string, HelpTopicSummary>;

/** The block root --help ends with. */
export function helpTopicsText(): string {
  const topics = Object.values(HELP_TOPIC_INDEX);
  const width = Math.max(...topics.map((topic) => topic.name.length));
  return `\nHelp topics:\n${topics.map((topic) => `  tavus-ten help ${topic.name.padEnd(width)}  ${topic.summary}`).join('\n')}\n`;
}
