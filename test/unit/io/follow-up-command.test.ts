// tavusTenCommand: the one builder of the tavus-ten commands printed as next steps; the API hints rebuilt with it.
import { describe, expect, it } from 'vitest';
import { tavusTenCommand } from '../../../src/shell-command.js';
import { concurrencyHint } from '../../../src/api/command-hints.js';
import { CONVERSATION_MAY_EXIST_HINT } from '../../../src/api/resources/conversations.js';
import { CONCURRENCY_HINT } from '../../../src/api/classify/status.js';

describe('tavusTenCommand', () => {
  it('without target flags, prints the words as they are', () => {
    expect(tavusTenCommand(['conversation', 'end', 'c123'])).toBe('tavus-ten conversation end c123');
  });

  it('appends --env-file, --profile and --base-url in that order, each value quoted for a shell when needed', () => {
    const target = { envFile: '../my project/.env', profile: 'staging', baseUrl: 'http://127.0.0.1:8791' };
    expect(tavusTenCommand(['conversation', 'get', 'c123', '--events'], target)).toBe(
      'tavus-ten conversation get c123 --events --env-file "../my project/.env" --profile staging --base-url http://127.0.0.1:8791',
    );
    expect(tavusTenCommand(['conversation', 'end', 'c1'], { envFile: 'a$b`c".env' })).toBe('tavus-ten conversation end c1 --env-file "a\\$b\\`c\\".env"');
  });

  it('never carries an API key, whatever else the options hold', () => {
    const target = { profile: 'p', apiKey: 'tvs_secret_key', json: true } as Parameters<typeof tavusTenCommand>[1];
    expect(tavusTenCommand(['conversation', 'end', 'c1'], target)).toBe('tavus-ten conversation end c1 --profile p');
  });
});

describe('the API hints that name a command', () => {
  it('without target flags they are the API errors\' own hints; with them, the command carries the flags', () => {
    expect(CONCURRENCY_HINT).toBe('End conversations you no longer need: `tavus-ten conversation end --all-active --yes` (`--dry-run` instead of `--yes` lists them first).');
    expect(CONVERSATION_MAY_EXIST_HINT).toBe('The conversation may have been created anyway (it bills until it ends): check with `tavus-ten conversation list --status active`.');
    expect(concurrencyHint({ profile: 'work' })).toContain('`tavus-ten conversation end --all-active --yes --profile work`');
  });
});
