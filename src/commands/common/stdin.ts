// Reading a value piped on stdin (`auth login --with-key`, `config set KEY --stdin`): bounded in
// size, and given up on Ctrl-C. Secrets read here are never echoed back in errors.
import type { Readable } from 'node:stream';
import { interruptionOf, UsageError } from '../../errors.js';

export async function readStdin(stdin: Readable, opts: { what: string; maxBytes?: number; signal?: AbortSignal }): Promise<string> {
  const maxBytes = opts.maxBytes ?? 64 * 1024;
  const { signal } = opts;
  if (signal?.aborted) throw interruptionOf(signal.reason);
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
      stdin.pause();
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > maxBytes) {
        cleanup();
        reject(new UsageError(`The ${opts.what} read from stdin is larger than ${maxBytes} bytes.`, { hint: 'Pipe only the value itself.' }));
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new UsageError(`Cannot read the ${opts.what} from stdin: ${error.message}.`, { cause: error }));
    };
    const onAbort = () => {
      cleanup();
      reject(interruptionOf(signal?.reason));
    };
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    stdin.resume();
  });
}
