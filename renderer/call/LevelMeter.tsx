import { useEffect, useState } from 'react';
import { useCssProperty } from '../ui/cssProperty.js';
import { watchAudioLevel } from '../webrtc/audioLevel.js';

/** A big horizontal bar that moves with the resident's voice. */
export function LevelMeter({ track, label }: { track: MediaStreamTrack | null; label: string }) {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!track) return;
    return watchAudioLevel(track, setLevel);
  }, [track]);
  const percent = Math.round(level * 100);
  const fill = useCssProperty<HTMLDivElement>('--meter-percent', percent);
  return (
    <div className="call-meter" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} data-testid="call-level-meter" data-level={percent}>
      <div className="call-meter-fill" ref={fill} />
    </div>
  );
}
