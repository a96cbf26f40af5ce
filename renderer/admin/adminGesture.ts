// The hidden way in to the staff panel: a press held in the screen's top-left corner. Pure timing,
// so the hotspot component only wires pointer events to it. A tap (a resident brushing the corner)
// never opens anything.

export const ADMIN_HOLD_MS = 3_000;

export function holdGesture(onHeld: () => void, holdMs = ADMIN_HOLD_MS) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    press() {
      cancel();
      timer = setTimeout(() => {
        timer = null;
        onHeld();
      }, holdMs);
    },
    release: cancel,
  };
}
