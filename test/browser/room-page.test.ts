// The emulator's room page in a real browser (Debian's Chromium driven by playwright-core): loading it
// joins a participant, closing the tab sends the pagehide beacon that leaves, and the conversation then
// ends with participant_left_timeout as Tavus's would. Skipped without Chromium.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, type LaunchedChromium } from '../helpers/chromium.js';
import { useEmulator } from '../helpers/emulator.js';
import { waitFor } from '../helpers/wait.js';

describe.skipIf(!chromiumAvailable())('emulator room page in Chromium', () => {
  const { emulator } = useEmulator();
  let browser: LaunchedChromium | undefined;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchChromium();
    context = browser.context;
  }, 60_000);

  afterAll(() => browser?.close());

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
