// The LiveKit page of `tavus-ten serve --transport livekit` in a real browser (Debian's Chromium driven by
// playwright-core) against the real LiveKit server on 127.0.0.1 and the emulator's avatar, which really
// joins the room (livekitJoin) and lip-syncs the agent: Start joins the room and publishes the microphone,
// the avatar's video plays (frames arrive and change while the agent speaks), End leaves and stops the
// session, leaving the page stops it too. Needs both the browser and the livekit tiers.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RoomServiceClient, TrackType } from 'livekit-server-sdk';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, seeText, type LaunchedChromium } from '../helpers/chromium.js';
import { creates, useEmulator } from '../helpers/emulator.js';
import { livekitTierAvailable, startLivekitServer, type LivekitServer } from '../helpers/livekit-server.js';
import { joinAs, speakTone } from '../helpers/livekit-room.js';
import { startServe, type RunningServe } from '../helpers/serve.js';
import { waitFor } from '../helpers/wait.js';

const ready = chromiumAvailable() && livekitTierAvailable();
/** How long a page text may take to show: a room join and the avatar's media are slower than a page update. */
const LIVEKIT_MS = 20_000;
// TAVUS_TEN_SCREENSHOTS=docs saves the README's screenshots while the tests run.
const screenshots = process.env.TAVUS_TEN_SCREENSHOTS ? resolve(process.env.TAVUS_TEN_SCREENSHOTS) : undefined;

/** Runs in the page (a string: the tests are type-checked without the DOM): two frames of #avatar, ten frames apart. */
const FRAMES_PROBE = `(async () => {
  const element = document.getElementById('avatar');
  const nextFrame = () => new Promise((done) => element.requestVideoFrameCallback(() => done()));
  const grab = async () => {
    await nextFrame();
    const canvas = document.createElement('canvas');
    canvas.width = element.videoWidth;
    canvas.height = element.videoHeight;
    canvas.getContext('2d').drawImage(element, 0, 0);
    return canvas.toDataURL();
  };
  const first = await grab();
  for (let i = 0; i < 10; i++) await nextFrame();
  const second = await grab();
  return { width: element.videoWidth, height: element.videoHeight, changed: first !== second };
})()`;

describe.runIf(ready)('serve --transport livekit page in Chromium', () => {
  let livekit: LivekitServer;
  // The LiveKit server first (the emulator's avatar needs its key pair); torn down last.
  beforeAll(async () => {
    livekit = await startLivekitServer();
  }, 60_000);
  afterAll(() => livekit?.stop());

  const { emulator, env } = useEmulator(
    () => ({ livekit: { apiKey: livekit.apiKey, apiSecret: livekit.apiSecret }, livekitJoin: true }),
    () => ({ TAVUS_PERSONA_ID: 'pb87e71797da', LIVEKIT_URL: livekit.url, LIVEKIT_API_KEY: livekit.apiKey, LIVEKIT_API_SECRET: livekit.apiSecret }),
  );
  let serve: RunningServe;
  let rooms: RoomServiceClient;
  let browser: LaunchedChromium | undefined;
  let context: BrowserContext;
  let page: Page;
  const answers: string[] = [];

  beforeAll(async () => {
    rooms = new RoomServiceClient(livekit.httpUrl, livekit.apiKey, livekit.apiSecret);
    serve = await startServe(['--transport', 'livekit'], { env });
    browser = await launchChromium({
      args: [
        // A fake camera and microphone, granted without a prompt.
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        // Chromium gathers no WebRTC candidates on the loopback interface unless told to, and hides local
        // addresses behind mDNS names the LiveKit server cannot resolve: on a machine whose only network
        // is loopback (a CI container) the page could then never reach the server on 127.0.0.1.
        '--allow-loopback-in-peer-connection',
        '--disable-features=WebRtcHideLocalIpsWithMdns',
        // Sound plays without a click (the page's "Click to hear the avatar" is for real users).
        '--autoplay-policy=no-user-gesture-required',
      ],
      viewport: { width: 1100, height: 1000 },
      colorScheme: 'light',
    });
    context = browser.context;
    await context.grantPermissions(['microphone', 'camera']);
    context.on('response', (response) => {
      if (response.url().startsWith(serve.url)) void response.text().then((text) => answers.push(text), () => undefined);
    });
    if (screenshots) mkdirSync(screenshots, { recursive: true });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  beforeEach(async () => {
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${serve.url}/`);
  });

  const roomNames = async () => (await rooms.listRooms()).map((room) => room.name);

  /** Starts a session from the page; resolves to the room and conversation it shows. */
  async function startFromPage(): Promise<{ room: string; conversation: string }> {
    await page.click('#start');
    await seeText(page.locator('#status'), /waiting for the avatar|with the avatar/, LIVEKIT_MS);
    return { room: (await page.locator('#room').textContent())!, conversation: (await page.locator('#conversation-id').textContent())! };
  }

  it('Start joins the room and publishes the microphone; the avatar video plays; End leaves and stops the session', async () => {
    await seeText(page.locator('#status'), /^Ready\./, LIVEKIT_MS);
    expect(await page.locator('#insecure').isHidden()).toBe(true);
    if (screenshots) await page.screenshot({ path: join(screenshots, 'serve-livekit-start.png') });

    const { room, conversation } = await startFromPage();
    expect(room).toMatch(/^tavus-session-[0-9a-f]{8}$/);
    expect(emulator.state.conversations.get(conversation)).toBeDefined();
    // No --agent-command: the page says how to start the agent for this room.
    await seeText(page.locator('#agent-room-env'), `LIVEKIT_ROOM=${room}`, LIVEKIT_MS);

    // The page is in the room, publishing a microphone track.
    const you = (await page.locator('#you').textContent())!;
    await waitFor(
      async () => (await rooms.listParticipants(room)).some((p) => p.identity === you && p.tracks.some((t) => t.type === TrackType.AUDIO)),
      'the page to publish its microphone',
      20_000,
    );

    // The TEN agent joins (as the page asks) and speaks: the avatar lip-syncs it.
    const agent = await joinAs(livekit, room, 'ten-agent');
    const voice = await speakTone(agent);
    voice.setSpeaking(true);
    const video = page.locator('#avatar');
    await video.waitFor({ state: 'visible', timeout: 20_000 });
    await seeText(page.locator('#avatar-state'), /^in the room, sending video/, LIVEKIT_MS);
    await seeText(page.locator('#agent-state'), 'ten-agent in the room', LIVEKIT_MS);
    await page.locator('#agent-note').waitFor({ state: 'hidden' });
    await seeText(page.locator('#status'), `In the room ${room} with the avatar`, LIVEKIT_MS);
    expect(await page.locator('#placeholder').isHidden()).toBe(true);

    // Frames arrive and change (the mouth moves with the agent's voice): two frames apart differ.
    const frames = (await page.evaluate(FRAMES_PROBE)) as { width: number; height: number; changed: boolean };
    expect(frames.width).toBeGreaterThan(0);
    expect(frames.height).toBeGreaterThan(0);
    expect(frames.changed).toBe(true);
    if (screenshots) await page.screenshot({ path: join(screenshots, 'serve-livekit-in-call.png') });

    await page.click('#end');
    await seeText(page.locator('#status'), `Session ended: conversation ${conversation} ended, room ${room} deleted.`, LIVEKIT_MS);
    expect(emulator.state.conversations.get(conversation)!.status).toBe('ended');
    expect(emulator.requests.some((r) => r.method === 'POST' && r.path === `/v2/conversations/${conversation}/end`)).toBe(true);
    expect(await roomNames()).not.toContain(room);
    expect(await page.locator('#start').isEnabled()).toBe(true);
    await voice.stop();
    await agent.disconnect();
  }, 60_000);

  it('leaving the page stops the session (pagehide + sendBeacon)', async () => {
    const { room, conversation } = await startFromPage();
    expect(await roomNames()).toContain(room);
    await page.goto('about:blank');
    await waitFor(async () => !(await roomNames()).includes(room), 'the beacon to delete the room', 20_000);
    expect(emulator.requests.some((r) => r.method === 'POST' && r.path === `/v2/conversations/${conversation}/end`)).toBe(true);
  });

  it('a refused start shows the server\'s words and the field; nothing is created', async () => {
    await page.click('#options summary');
    await page.fill('#room-name', 'has space');
    await page.click('#start');
    await page.locator('#error').waitFor({ state: 'visible' });
    await seeText(page.locator('#error-message'), /room_name may only use letters/, LIVEKIT_MS);
    await seeText(page.locator('#status'), 'Could not start a session.', LIVEKIT_MS);
    expect(await page.locator('#start').isEnabled()).toBe(true);
    expect(creates(emulator)).toHaveLength(0);
    if (screenshots) await page.screenshot({ path: join(screenshots, 'serve-livekit-error.png') });
  });

  it('neither the LiveKit secret nor the Tavus key reaches the page or any answer it received', async () => {
    await startFromPage();
    await page.click('#end');
    await seeText(page.locator('#status'), /^Session ended/, LIVEKIT_MS);
    expect(answers.length).toBeGreaterThan(3);
    for (const text of [await page.content(), ...answers]) {
      expect(text).not.toContain(livekit.apiSecret);
      expect(text).not.toContain(emulator.apiKey);
    }
  });
});
