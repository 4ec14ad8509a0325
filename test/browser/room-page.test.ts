// The emulator's room page in a real browser (Debian's Chromium driven by playwright-core): loading it
// joins a participant, closing the tab sends the pagehide beacon that leaves, and the conversation then
// ends with participant_left_timeout as Tavus's would. Skipped without Chromium.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { tierAvailable } from '../helpers/tier.js';
import { waitFor } from '../helpers/wait.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = tierAvailable('browser', existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium, or run .ci/run)`);

describe.skipIf(!hasChromium)('emulator room page in Chromium', () => {
  let emulator: Emulator;
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    const { chromium } = await import('playwright-core');
    profile = mkdtempSync(join(tmpdir(), 'tavus-ten-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await emulator?.close();
  });

  it('closing the tab leaves the room; with participant_left_timeout 5 the conversation ends 5 emulated seconds later', async () => {
    const created = await fetch(`${emulator.url}/v2/conversations`, {
      method: 'POST',
      headers: { 'x-api-key': emulator.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ persona_id: 'pcb7a34da5fe', properties: { participant_left_timeout: 5 } }),
    });
    const { conversation_id: id, room_url: url } = (await created.json()) as { conversation_id: string; room_url: string };
    const conversation = emulator.state.conversations.get(id)!;

    const page = await context.newPage();
    await page.goto(url);
    await page.getByText('Anna has joined').waitFor({ timeout: 10_000 });
    expect(conversation.participants).toHaveLength(1);

    await page.close({ runBeforeUnload: true });
    await waitFor(() => conversation.participants.length === 0, 'the pagehide beacon');
    expect(conversation.status).toBe('active');
    emulator.clock.advance(5);
    expect(conversation).toMatchObject({ status: 'ended', shutdownReason: 'participant_left_timeout reached' });
  });
});
