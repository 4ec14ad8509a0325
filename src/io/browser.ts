// Opens a URL for a person: the BROWSER command when set (run with the URL as its one argument),
// else the `open` package. A browser that fails to start is a warning, never a failure.
import { isLoopbackHost } from '../net/loopback.js';
import type { Output } from './output.js';

const BROWSER_GRACE_MS = 300;
/**
 * The launcher `open` runs (xdg-open, open, PowerShell) exits within tens of ms on success or failure
 * (open's own notes), so waiting for its exit code costs nothing; the bound only covers a busy machine.
 */
const LAUNCHER_GRACE_MS = 3000;

/**
 * A URL from a server is opened only when it is https (or http on this machine, the emulator):
 * `javascript:`, `file:` or a value starting with `-` (an option to the browser) never are.
 */
export function isSafeToOpen(url: string): boolean {
  if (!/^https?:\/\//i.test(url)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname));
  } catch {
    return false;
  }
}

export async function openInBrowser(url: string, opts: { env: Record<string, string | undefined>; output: Output }): Promise<boolean> {
  if (!isSafeToOpen(url)) {
    const shown = url.length > 200 ? `${url.slice(0, 200)}…` : url;
    opts.output.warn(`Not opening ${JSON.stringify(shown)} in a browser: only https URLs (or http on this machine) are opened.`);
    return false;
  }
  const command = opts.env.BROWSER?.trim();
  try {
    if (command) {
      const { execa } = await import('execa');
      // A BROWSER value may carry arguments ("firefox --new-window"); the URL is always the last one.
      const [file, ...args] = command.split(/\s+/) as [string, ...string[]];
      const child = execa(file, [...args, url], { stdio: 'ignore', detached: true, reject: true });
      child.unref();
      // A quick failure (command not found, exit 1) is reported; a browser still running after a
      // short grace is success. The timer keeps the process alive that long, no longer.
      const failure = child.then(() => undefined, (error: unknown) => error);
      const early = await Promise.race([failure, new Promise((resolve) => setTimeout(resolve, BROWSER_GRACE_MS))]);
      if (early) throw early;
    } else {
      // open 11 resolves once the launcher (xdg-open, open, PowerShell) has spawned, not once it worked:
      // xdg-open with no browser to run exits 3 a moment later. A launcher that fails within the grace
      // is reported, as a failing BROWSER command is.
      const { default: open } = await import('open');
      const launcher = await open(url);
      const failed = await new Promise<Error | undefined>((resolve) => {
        if (launcher.exitCode !== null) return resolve(launcher.exitCode === 0 ? undefined : new Error(`the launcher exited with code ${launcher.exitCode}`));
        const timer = setTimeout(() => resolve(undefined), LAUNCHER_GRACE_MS);
        launcher.once('exit', (code, signal) => {
          clearTimeout(timer);
          resolve(code === 0 ? undefined : new Error(`the launcher exited with ${code === null ? signal : `code ${code}`}`));
        });
        launcher.once('error', (error) => {
          clearTimeout(timer);
          resolve(error);
        });
      });
      if (failed) throw failed;
    }
    return true;
  } catch (error) {
    // execa's shortMessage is one line; its message carries the whole command output.
    const reason = (error as { shortMessage?: string }).shortMessage ?? (error instanceof Error ? error.message : String(error));
    opts.output.warn(`Could not open a browser (${reason.split('\n')[0]}). Open the URL yourself: ${url}`);
    return false;
  }
}
