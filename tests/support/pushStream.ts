import { dashboardPaths } from '../../shared/dashboard/api.js';

// The dashboard's live push (server-sent events) as a page holds it: everything received so far,
// and how many `changed` events it held.

export interface PushStream {
  status: number;
  text(): string;
  changes(): number;
  close(): Promise<void>;
}

export async function openPushStream(hubUrl: string, cookie: string): Promise<PushStream> {
  const res = await fetch(`${hubUrl}${dashboardPaths.stream}`, { headers: { cookie } });
  const reader = res.body!.getReader();
  let received = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      received += new TextDecoder().decode(value);
    }
  })().catch(() => undefined); // the hub closing ends it
  return {
    status: res.status,
    text: () => received,
    changes: () => received.split('event: changed').length - 1,
    close: () => reader.cancel(),
  };
}
