import { useSignaturePad } from '../../../renderer/signature/useSignaturePad.js';

// The join page's handwritten-signature box: the kiosk's own pad logic (renderer/signature/), with
// the join page's words. Each finished stroke reports the whole signature as a PNG.

export function JoinSignaturePad({ words, onSigned, onCleared }: { words: { canvasLabel: string; clear: string; line: string }; onSigned: (png: string) => void; onCleared: () => void }) {
  const { canvasRef, clear } = useSignaturePad({ onSigned });
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
          clear();
          onCleared();
        }}
      >
        {words.clear}
      </button>
    </div>
  );
}
