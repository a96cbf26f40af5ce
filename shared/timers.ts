// Timers passed in as a value: code in shared/ stays free of any one runtime, tests drive it with
// a fake clock, and a Node host can hand in timers that do not keep a stopping process alive.

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The runtime's own timers (browser and Node alike). */
export const globalTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
