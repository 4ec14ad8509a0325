// The page of `tavus-ten serve` in a real browser (Debian's Chromium driven by playwright-core):
// Start embeds the emulator's room (which records the join), End ends the conversation, leaving the
// page ends it too, and the concurrency cap shows Tavus's own message. Skipped without Chromium.
import { mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, seeText, type LaunchedChromium } from '../helpers/chromium.js';
import { emulatorEnv, useEmulator } from '../helpers/emulator.js';
import { startServe, type RunningServe } from '../helpers/serve.js';
import { waitFor } from '../helpers/wait.js';

const hasChromium = chromiumAvailable();
// TAVUS_TEN_SCREENSHOTS=docs saves the README's screenshots while the tests run.
const screenshots = process.env.TAVUS_TEN_SCREENSHOTS ? resolve(process.env.TAVUS_TEN_SCREENSHOTS) : undefined;

describe.skipIf(!hasChromium)('serve page in Chromium', () => {
  const { emulator, env } = useEmulator({}, () => ({ TAVUS_PERSONA_ID: 'pcb7a34da5fe', TAVUS_REPLICA_ID: 'r90bbd427f71' }));
  let serve: RunningServe;
  let browser: LaunchedChromium | undefined;
  let context: BrowserContext;
  let page: Page;
  const apiResponses: string[] = [];

  beforeAll(async () => {
    serve = await startServe([], { env });
    browser = await launchChromium({ viewport: { width: 1100, height: 820 }, colorScheme: 'light' });
    context = browser.context;
    context.on('response', (response) => {
      if (response.url().startsWith(serve.url)) {
        void response.text().then(
          (text) => apiResponses.push(text),
          () => undefined,
        );
      }
    });
    if (screenshots) mkdirSync(screenshots, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  beforeEach(async () => {
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${serve.url}/`);
  });

  const isEnabled = async (locator: Locator, enabled: boolean) => {
    await waitFor(async () => (await locator.isEnabled()) === enabled, `${String(locator)} enabled=${enabled}`, 10_000);
  };

  const activeConversations = () => [...emulator.state.conversations.values()].filter((c) => c.status === 'active');

  it('Start embeds the room (the join is recorded), End ends the conversation', async () => {
    await seeText(page.locator('#status'), /Ready/);
    expect(await page.locator('#details').isHidden()).toBe(true);
    expect(await page.locator('#error').isHidden()).toBe(true);
    expect(await page.locator('#placeholder').isVisible()).toBe(true);
    // 127.0.0.1 is a secure context: no warning that the camera will be refused.
    expect(await page.locator('#insecure').isHidden()).toBe(true);
    if (screenshots) await page.screenshot({ path: join(screenshots, 'serve-start.png') });

    await page.click('#start');
    const room = page.locator('#room');
    await room.waitFor({ state: 'visible' });
    const id = (await page.locator('#conversation-id').textContent())!;
    expect(id).toMatch(/^c[0-9a-f]+$/);
    const conversation = emulator.state.conversations.get(id)!;
    expect(conversation.status).toBe('active');
    expect(await room.getAttribute('src')).toBe(conversation.conversation_url);
    expect(await room.getAttribute('allow')).toMatch(/camera; microphone/);

    // The emulator's room page, inside the iframe, announces that the replica joined.
    await seeText(page.frameLocator('#room').locator('#status'), 'Anna has joined');
    expect(emulator.state.roomJoins.map((join) => join.conversationId)).toContain(id);
    await seeText(page.locator('#status'), `In call · conversation ${id}`);
    // Nothing covers the room.
    expect(await page.locator('#placeholder').isHidden()).toBe(true);
    expect(await page.locator('#details').isVisible()).toBe(true);
    if (screenshots) await page.screenshot({ path: join(screenshots, 'serve-in-call.png') });

    await page.click('#end');
    await seeText(page.locator('#status'), `Conversation ${id} ended.`);
    expect(emulator.state.conversations.get(id)!.status).toBe('ended');
    expect(emulator.state.conversations.get(id)!.shutdownReason).toBe('end_conversation_endpoint_hit');
    await page.locator('#room').waitFor({ state: 'hidden' });
    await isEnabled(page.locator('#start'), true);
    await isEnabled(page.locator('#end'), false);
  });

  it('leaving the page ends the conversation (pagehide + sendBeacon)', async () => {
    await page.click('#start');
    await page.locator('#room').waitFor({ state: 'visible' });
    const id = (await page.locator('#conversation-id').textContent())!;
    expect(emulator.state.conversations.get(id)!.status).toBe('active');
    await page.goto('about:blank');
    await waitFor(() => emulator.state.conversations.get(id)!.status === 'ended', 'the beacon to end the conversation', 10_000);
  });

  it("at the concurrency cap the page shows Tavus's own message and a way out", async () => {
    emulator.seedConversations(3, 'active');
    await page.click('#start');
    const error = page.locator('#error');
    await error.waitFor({ state: 'visible' });
    await seeText(page.locator('#error-message'), 'User has reached maximum concurrent conversations');
    await seeText(page.locator('#error-hint'), /conversation end --all-active/);
    await seeText(page.locator('#status'), 'Could not start a conversation.');
    await isEnabled(page.locator('#start'), true);
    await page.locator('#room').waitFor({ state: 'hidden' });
    expect(await page.locator('#details').isHidden()).toBe(true);
    expect(activeConversations()).toHaveLength(3);
    if (screenshots) await page.screenshot({ path: join(screenshots, 'serve-error.png') });
  });

  const lanAddress = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

  it.skipIf(!lanAddress)('bound to 0.0.0.0 and opened by a LAN address, the page works and warns about the camera', async () => {
    const wide = await startServe(['--host', '0.0.0.0'], {
      env: { ...emulatorEnv(emulator), TAVUS_REPLICA_ID: 'r90bbd427f71' },
    });
    try {
      await page.goto(`http://${lanAddress}:${new URL(wide.url).port}/`);
      await page.locator('#insecure').waitFor({ state: 'visible' });
      await page.click('#start');
      await page.locator('#room').waitFor({ state: 'visible' });
      const id = (await page.locator('#conversation-id').textContent())!;
      expect(emulator.state.conversations.get(id)!.status).toBe('active');
      await page.click('#end');
      await waitFor(() => emulator.state.conversations.get(id)!.status === 'ended', 'the end', 10_000);
    } finally {
      expect(await wide.stop()).toBe(0);
    }
  });

  it('the API key never reaches the page or any answer it received', async () => {
    await page.click('#start');
    await page.locator('#room').waitFor({ state: 'visible' });
    const html = await page.content();
    expect(html).not.toContain(emulator.apiKey);
    await waitFor(() => apiResponses.length > 0, 'responses', 5000);
    for (const body of apiResponses) expect(body).not.toContain(emulator.apiKey);
    await page.click('#end');
    await isEnabled(page.locator('#end'), false);
  });
});
