import { useEffect, useRef, type RefObject } from 'react';
import SignaturePad from 'signature_pad';

// The one set-up of a handwritten-signature canvas (signature_pad), for the kiosk's pad and the
// hub's join page alike. It holds no words: each caller labels its own pad in its own language.
// This folder is shared with the desk and join page (.dependency-cruiser.mjs), so it imports
// nothing else from renderer/.

const TOUCH_TYPES = ['touchstart', 'touchmove', 'touchend'] as const;

export interface SignaturePadOptions {
  /** What is drawn now, drawn again after a re-mount (e.g. a language switch), or null. */
  initial?: string | null;
  /** The pad stops taking strokes while its screen is busy sending. */
  busy?: boolean;
  /** Each finished stroke reports the whole signature as a PNG data URL. */
  onSigned: (pngDataUrl: string) => void;
}

export interface SignaturePadControl {
  canvasRef: RefObject<HTMLCanvasElement | null>;
  /** Wipes the strokes (the caller reports "cleared" itself). */
  clear: () => void;
}

export function useSignaturePad({ initial = null, busy = false, onSigned }: SignaturePadOptions): SignaturePadControl {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext('2d')?.scale(ratio, ratio);
    const pad = new SignaturePad(canvas, { minWidth: 1.5, maxWidth: 4, penColor: '#141a22' });
    padRef.current = pad;
    if (initial) void pad.fromDataURL(initial, { ratio: 1, width: canvas.offsetWidth, height: canvas.offsetHeight });
    const onEnd = () => onSigned(pad.toDataURL('image/png'));
    pad.addEventListener('endStroke', onEnd);
    // The pad draws from pointer events; the touches under them would still make a scroll
    // gesture, and a finger lifted mid-stroke then starts a fling that Chromium stops with the
    // next tap, swallowing it: the first tap on "submit" did nothing. `touch-action: none` does
    // not prevent that fling; cancelling the touches does, and the pointer events still come.
    const noGesture = (e: TouchEvent) => {
      if (e.cancelable) e.preventDefault();
    };
    for (const type of TOUCH_TYPES) canvas.addEventListener(type, noGesture, { passive: false });
    return () => {
      for (const type of TOUCH_TYPES) canvas.removeEventListener(type, noGesture);
      pad.removeEventListener('endStroke', onEnd);
      pad.off();
      padRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one pad per mount; later signatures come from this pad itself
  }, []);

  useEffect(() => {
    if (busy) padRef.current?.off();
  }, [busy]);

  return { canvasRef, clear: () => padRef.current?.clear() };
}
