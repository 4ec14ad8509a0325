import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { flushed } from '../../../src/io/streams.js';

/** A stream whose writes each take `ms` to reach the "system", recording what arrived. */
function slowStream(ms: number): { stream: Writable; arrived: string[] } {
  const arrived: string[] = [];
  const stream = new Writable({
    highWaterMark: 4,
    write(chunk: Buffer, _encoding, callback) {
      setTimeout(() => {
        arrived.push(chunk.toString());
        callback();
      }, ms);
    },
  });
  return { stream, arrived };
}

describe('flushed', () => {
  it('waits for every write queued before it (the CLI exits right after)', async () => {
    const { stream, arrived } = slowStream(20);
    stream.write('first ');
    stream.write('second ');
    stream.write('third');
    await flushed(stream);
    expect(arrived.join('')).toBe('first second third');
  });

  it('resolves at once for a stream that was closed or ended, and after a write that failed', async () => {
    const destroyed = slowStream(1).stream;
    destroyed.destroy();
    await flushed(destroyed);
    const ended = slowStream(1).stream;
    ended.end('last');
    await flushed(ended);
    const failing = new Writable({ write: (_chunk, _encoding, callback) => callback(new Error('EPIPE')) });
    failing.on('error', () => undefined);
    failing.write('lost');
    await flushed(failing);
  });
});
