/**
 * The channel between pdf.js's two halves when both run in this thread (Node has no Web Worker
 * for pdf.js, so it always uses its "fake worker"). pdf.js's own LoopbackPort copies every
 * message with structuredClone, which serialises it through V8's value serializer: for the
 * many small text-item objects of getTextContent that costs more than copying them in
 * JavaScript. This port copies plain objects and arrays itself and leaves anything else
 * (typed arrays, Maps, errors, class instances) to structuredClone, so a message still arrives
 * as a copy the sender can go on changing (pdf.js reuses its text-content object after
 * sending it). Transferred buffers are copied, not moved. Delivery is asynchronous, as
 * LoopbackPort's.
 *
 * One exception, for the bulk of the traffic: a text-content chunk (a stream message whose
 * chunk has `items` and `styles`) arrives as a new chunk object holding the sender's items
 * array, item objects and styles object. After sending a chunk, pdf.js's getTextContent
 * replaces those (`textContent.items = []`, `textContent.styles = Object.create(null)`) and
 * builds every item as a new object, so nothing handed over is changed afterwards; copying
 * them item by item was ~6% of an extraction thread. tests/pdfjs-patch.test.ts reads every
 * sample PDF's text items through this port and compares them with unpatched pdf.js.
 */

type Listener = (this: InThreadPort, event: { data: unknown }) => void;

/** Deeper than any pdf.js message: a guard against cycles, which structuredClone handles. */
const MAX_DEPTH = 64;

function copyMessage(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) return structuredClone(value);
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyMessage(value[i], depth + 1);
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = proto === null ? Object.create(null) : {};
  for (const key of Object.keys(value)) out[key] = copyMessage((value as Record<string, unknown>)[key], depth + 1);
  return out;
}

interface TextContentChunk {
  items: unknown[];
  styles: object;
}

function isTextContentMessage(message: unknown): message is { streamId: unknown; chunk: TextContentChunk } {
  if (typeof message !== 'object' || message === null || !('chunk' in message) || !('streamId' in message)) return false;
  const chunk = message.chunk;
  return (
    typeof chunk === 'object' &&
    chunk !== null &&
    Object.getPrototypeOf(chunk) === Object.prototype &&
    'items' in chunk &&
    Array.isArray(chunk.items) &&
    'styles' in chunk &&
    typeof chunk.styles === 'object'
  );
}

export class InThreadPort {
  readonly #listeners = new Map<Listener, (() => void) | null>();
  readonly #delivered = Promise.resolve();

  postMessage(message: unknown): void {
    const data = isTextContentMessage(message) ? { ...message, chunk: { ...message.chunk } } : copyMessage(message, 0);
    const event = { data };
    void this.#delivered.then(() => {
      for (const listener of this.#listeners.keys()) listener.call(this, event);
    });
  }

  addEventListener(_type: 'message', listener: Listener, options?: { signal?: AbortSignal }): void {
    const signal = options?.signal;
    if (signal?.aborted) return;
    let unsubscribe: (() => void) | null = null;
    if (signal) {
      const onAbort = () => this.removeEventListener('message', listener);
      signal.addEventListener('abort', onAbort);
      unsubscribe = () => signal.removeEventListener('abort', onAbort);
    }
    this.#listeners.set(listener, unsubscribe);
  }

  removeEventListener(_type: 'message', listener: Listener): void {
    this.#listeners.get(listener)?.();
    this.#listeners.delete(listener);
  }

  terminate(): void {
    this.#listeners.clear();
  }
}
