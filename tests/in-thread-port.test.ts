/** The port between pdf.js's two halves: messages arrive later, as copies the sender may go on changing (text-content chunks: a new chunk object). */
import { describe, expect, it } from 'vitest';
import { InThreadPort } from '../src/ingest/in-thread-port.js';

function received(port: InThreadPort): unknown[] {
  const messages: unknown[] = [];
  port.addEventListener('message', (event) => messages.push(event.data));
  return messages;
}

describe('InThreadPort', () => {
  it('delivers asynchronously, a copy of what was sent', async () => {
    const port = new InThreadPort();
    const messages = received(port);
    const sent = { action: 'GetPage', data: { pageIndex: 0, refs: [{ num: 3, gen: 0 }] } };
    port.postMessage(sent);
    expect(messages).toEqual([]);
    sent.data.refs[0]!.num = 9;
    sent.data.pageIndex = 5;
    await Promise.resolve();
    expect(messages).toEqual([{ action: 'GetPage', data: { pageIndex: 0, refs: [{ num: 3, gen: 0 }] } }]);
  });

  it('hands a text-content chunk over in a new chunk object, so the sender can replace its items and styles', async () => {
    const port = new InThreadPort();
    const messages = received(port);
    // pdf.js sends its text-content object, then replaces its items and styles and goes on filling it.
    const items = [{ str: '行政处罚决定书', transform: [12, 0, 0, 12, 72, 700], hasEOL: true }];
    const styles = Object.create(null) as Record<string, unknown>;
    const content = { items, styles, lang: null };
    port.postMessage({ sourceName: 'w', targetName: 'm', stream: 4, streamId: 1, chunk: content });
    content.items = [{ str: '下一块', transform: [12, 0, 0, 12, 72, 680], hasEOL: false }];
    content.styles = Object.create(null) as Record<string, unknown>;
    await Promise.resolve();
    const [message] = messages as [{ chunk: typeof content }];
    expect(message).toEqual({ sourceName: 'w', targetName: 'm', stream: 4, streamId: 1, chunk: { items, styles, lang: null } });
    expect(message.chunk).not.toBe(content);
    expect(message.chunk.items).toBe(items);
    expect(Object.getPrototypeOf(message.chunk.styles)).toBeNull();
  });

  it('copies typed arrays, errors and class instances as structuredClone does', async () => {
    const port = new InThreadPort();
    const messages = received(port);
    const bytes = new Uint8Array([1, 2, 3]);
    class Reason {
      constructor(readonly message: string) {}
    }
    port.postMessage({ bytes, error: new Error('坏了'), reason: new Reason('密码') });
    bytes[0] = 9;
    await Promise.resolve();
    const [message] = messages as [{ bytes: Uint8Array; error: Error; reason: unknown }];
    expect([...message.bytes]).toEqual([1, 2, 3]);
    expect(message.error).toBeInstanceOf(Error);
    expect(message.error.message).toBe('坏了');
    expect(message.reason).toEqual({ message: '密码' });
  });

  it('stops delivering to a listener removed, or whose signal aborted', async () => {
    const port = new InThreadPort();
    const kept = received(port);
    const removed: unknown[] = [];
    const listener = (event: { data: unknown }) => removed.push(event.data);
    port.addEventListener('message', listener);
    port.removeEventListener('message', listener);
    const aborted: unknown[] = [];
    const controller = new AbortController();
    port.addEventListener('message', (event) => aborted.push(event.data), { signal: controller.signal });
    controller.abort();
    port.postMessage(1);
    await Promise.resolve();
    expect([kept, removed, aborted]).toEqual([[1], [], []]);
  });
});
