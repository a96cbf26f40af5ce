// Reading a hub answer's body so that it ends when its request is aborted (closing the agent, a
// timeout). A read already waiting on a stalled body — headers came, the rest never does — was
// not always ended by the abort (the media download hung the agent's close that way), so the
// reader is cancelled from here, which settles a pending read at once, and the read rejects with
// the abort's reason.

/** The whole body, or the abort's reason as soon as `signal` aborts. */
export async function readBody(res: Response, signal: AbortSignal): Promise<Uint8Array> {
  signal.throwIfAborted();
  const reader = res.body?.getReader();
  if (!reader) return new Uint8Array(0);
  let abandon!: (reason: unknown) => void;
  const abandoned = new Promise<never>((_, reject) => (abandon = reject));
  abandoned.catch(() => undefined); // handled by the read it races; an abort between reads is no stray rejection
  const cancel = () => {
    void reader.cancel(signal.reason).catch(() => undefined);
    abandon(signal.reason);
  };
  signal.addEventListener('abort', cancel, { once: true });
  const chunks: Uint8Array[] = [];
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), abandoned]);
      if (next.done) break;
      chunks.push(next.value);
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
  return Buffer.concat(chunks);
}

/** The body as text (UTF-8). */
export async function readText(res: Response, signal: AbortSignal): Promise<string> {
  return new TextDecoder().decode(await readBody(res, signal));
}

/** The body parsed as JSON; rejects on an abort and on a body that is not JSON. */
export async function readJson(res: Response, signal: AbortSignal): Promise<unknown> {
  return JSON.parse(await readText(res, signal)) as unknown;
}
