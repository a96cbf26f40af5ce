// Whether the page can reach the kiosk agent at all. In Electron the preload's IPC is always
// there (a dead agent is restarted behind it); in the browser host the page's WebSocket to
// 127.0.0.1 can drop, or never open when the page lacks its launch secret.

export interface HostLink {
  readonly connected: boolean;
  /** Called with every change; returns an unsubscribe. */
  onChange(listener: (connected: boolean) => void): () => void;
}

export const alwaysLinked: HostLink = {
  connected: true,
  onChange: () => () => undefined,
};
