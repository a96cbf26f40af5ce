import { useEffect, useRef } from 'react';
import SignaturePad from 'signature_pad';

// The join page's handwritten-signature box, on the same library and settings as the kiosk's pad
// (renderer/ui/SignaturePadField.tsx, which the hub's pages may not import: they share kiosk code
// through renderer/webrtc only). Each finished stroke reports the whole signature as a PNG.

export function JoinSignaturePad({ words, onSigned, onCleared }: { words: { canvasLabel: string; clear: string; line: string }; onSigned: (png: string) => void; onCleared: () => void }) {
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
    const onEnd = () => onSigned(pad.toDataURL('image/png'));
    pad.addEventListener('endStroke', onEnd);
    return () => {
      pad.removeEventListener('endStroke', onEnd);
      pad.off();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one pad per mount
  }, []);
  return (
    <div className="join-record-pad">
      <canvas ref={canvasRef} className="join-signature-canvas" data-testid="join-record-signature" aria-label={words.canvasLabel} role="img" />
      <p className="join-signature-line" aria-hidden="true">
        {words.line}
      </p>
      <button
        type="button"
        className="join-signature-clear"
        data-testid="join-record-signature-clear"
        onClick={() => {
          padRef.current?.clear();
          onCleared();
        }}
      >
        {words.clear}
      </button>
    </div>
  );
}
