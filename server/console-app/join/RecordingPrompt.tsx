import type { CallRoom } from '../../../shared/call.js';
import type { RecordingAnswer } from '../../../shared/rooms/recordingConsent.js';
import type { joinWords } from './joinWords.js';

// The join page's side of recording with consent (shared/rooms/recordingConsent.ts): the big
// prompt until this participant answers (thumb-sized buttons on a phone), then, while the room is
// recorded, a sign that stays at the top of the screen.

type Words = (typeof joinWords)['zh-CN'];

export function RecordingPrompt({ room, words, onAnswer }: { room: CallRoom | null; words: Words; onAnswer: (step: RecordingAnswer['step']) => void }) {
  const recording = room?.recording;
  if (!recording) return null;
  if (recording.phase === 'on') {
    return (
      <p className="join-recording-on" role="status" data-testid="join-recording-on">
        <span aria-hidden="true">●</span> {words.recordingOn}
      </p>
    );
  }
  if (!recording.mustAnswer) return null;
  return (
    <section className="join-recording-prompt" role="alertdialog" aria-labelledby="join-recording-title" aria-describedby="join-recording-body" data-testid="join-recording-prompt">
      <h2 id="join-recording-title">{words.recordingTitle}</h2>
      <p id="join-recording-body">{words.recordingBody}</p>
      <div className="join-recording-answers">
        <button type="button" className="join-enter" data-testid="join-recording-consent" onClick={() => onAnswer('consent')}>
          {words.consent}
        </button>
        <button type="button" className="join-recording-refuse" data-testid="join-recording-refuse" onClick={() => onAnswer('refuse')}>
          {words.refuse}
        </button>
      </div>
    </section>
  );
}
