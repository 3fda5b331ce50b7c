// The router's request body copy (src/http/mirror/request-body-tee.ts) on its own: what arrives before the first
// try goes to it, a retry's reader replays the copy then follows the live body, the copy stops at its limit (no
// replay, no shadow body, the live body still whole), and a reader that does not read pauses the source.
import { PassThrough, type Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { RequestBodyTee } from '../../src/http/mirror/request-body-tee.js';

async function readAll(r: Readable): Promise<string> {
  let out = '';
  for await (const c of r) out += (c as Buffer).toString();
  return out;
}

const tick = () => new Promise((r) => setImmediate(r));

describe('RequestBodyTee', () => {
  it('gives the first reader what arrived before it, and a retry reader the copy then the live body', async () => {
    const source = new PassThrough();
    const tee = new RequestBodyTee(source, 1024);
    source.write('early ');
    await tick();
    const first = tee.reader();
    source.write('middle ');
    await tick();
    const firstSoFar = first.read()?.toString();
    expect(firstSoFar).toBe('early middle ');
    const retry = tee.reader();
    expect(first.destroyed).toBe(true);
    source.end('late');
    expect(await readAll(retry)).toBe('early middle late');
    expect((await tee.complete())?.toString()).toBe('early middle late');
  });

  it('drops the copy over its limit: no replay, no whole body, the live body intact', async () => {
    const source = new PassThrough();
    const tee = new RequestBodyTee(source, 8);
    const first = tee.reader();
    const whole = tee.complete();
    const read = readAll(first);
    source.write('0123456789');
    source.end('abc');
    expect(await read).toBe('0123456789abc');
    expect(tee.replayable).toBe(false);
    expect(await whole).toBeUndefined();
    const retry = tee.reader();
    expect(retry.destroyed).toBe(true);
  });

  it('pauses the source while the current reader does not read', async () => {
    const source = new PassThrough({ highWaterMark: 16 });
    const tee = new RequestBodyTee(source, 1024 * 1024);
    const reader = tee.reader();
    let accepted = 0;
    for (let i = 0; i < 200 && source.write(Buffer.alloc(1024)); i++) accepted++;
    await tick();
    // The reader's buffer (16 KiB) and the source's stop the writer long before 200 KiB.
    expect(accepted).toBeLessThan(200);
    expect(source.isPaused()).toBe(true);
    reader.resume();
    await tick();
    expect(source.isPaused()).toBe(false);
  });
});
