// The browser tier's Chromium (Debian's, driven by playwright-core): whether it is installed, and a
// headless instance on a fresh profile that closing removes, and a wait for a page element's text.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator } from 'playwright-core';
import { expect } from 'vitest';
import { tierAvailable } from './tier.js';

const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser tier can run (a printed notice, or a failure under .ci/run, when it cannot). */
export function chromiumAvailable(): boolean {
  return tierAvailable('browser', existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium, or run .ci/run)`);
}

/** Flags every test wants: headless, no sandbox (containers), and no traffic of Chromium's own. */
const BASE_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface LaunchedChromium {
  context: BrowserContext;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** Headless Chromium on a fresh profile; `args` add to the base flags (a fake microphone, …). */
export async function launchChromium(
  options: { args?: string[]; viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {},
): Promise<LaunchedChromium> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'tavus-ten-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...BASE_ARGS, ...(options.args ?? [])],
      ...(options.viewport ? { viewport: options.viewport } : {}),
      ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the element shows the text (exact when a string, trimmed); a timeout fails the test. */
export async function seeText(locator: Locator, text: string | RegExp, timeoutMs = 10_000): Promise<void> {
  const pattern = typeof text === 'string' ? new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : text;
  await locator.filter({ hasText: pattern }).waitFor({ state: 'visible', timeout: timeoutMs });
  expect((await locator.textContent())?.trim()).toMatch(pattern);
}
