import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../shared/contract.js';
import type { AttractItem } from '../../shared/playlist.js';
import type { AttractOptions } from './attractOptions.js';
import { LoopEngine, type Handover } from './loopEngine.js';
import { LoopPlan } from './loopPlan.js';
import { createPlayReporter } from './playReporter.js';
import { useBilingual } from './bilingual.js';
import { StandbyScreen } from './StandbyScreen.js';
import { useWakeLock } from './useWakeLock.js';

// The legal-education loop over the whole screen: the scheduled items from the agent's verified
// cache, each with its title as a caption, or the standby screen when nothing is scheduled. The
// schedule is re-evaluated at its next boundary, the playlist whenever the agent says it changed
// and, while on standby, every `recheckMs`. Unmounting (a touch) stops the loop at once.
// Until its first frame (or the standby screen) is on screen the loop is invisible, and for a
// moment after it appears it still lets touches through to home: a hand already on its way to a
// button presses that button. Only then does it take over the screen's touches (`onCover`).

type Mode = 'loading' | 'playing' | 'standby';

export interface AttractStats {
  gaps: number[];
  handovers: Handover[];
  /** Gaps where the next clip was still loading when its turn came. */
  waited: number;
  transitions: number;
}

const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long a loop that has just appeared still lets a touch reach the control under it. */
const APPEAR_MS = 500;

export function AttractScreen({ api, options, onCover }: { api: KioskApi; options: AttractOptions; onCover?: () => void }) {
  const { t } = useTranslation();
  const both = useBilingual();
  const videoA = useRef<HTMLVideoElement>(null);
  const videoB = useRef<HTMLVideoElement>(null);
  const imageA = useRef<HTMLImageElement>(null);
  const imageB = useRef<HTMLImageElement>(null);
  const [mode, setMode] = useState<Mode>('loading');
  const [caption, setCaption] = useState<AttractItem | null>(null);
  const [covering, setCovering] = useState(false);
  useWakeLock(mode === 'playing');

  const visible = mode !== 'loading';
  const cover = useRef(onCover);
  useLayoutEffect(() => {
    cover.current = onCover;
  });
  useEffect(() => {
    if (!visible) return;
    const timer = setTimeout(() => {
      setCovering(true);
      cover.current?.();
    }, APPEAR_MS);
    return () => clearTimeout(timer);
  }, [visible]);

  useEffect(() => {
    const plan = new LoopPlan(options.clock);
    const report = createPlayReporter(api);
    const stats: AttractStats | null = options.stats ? { gaps: [], handovers: [], waited: 0, transitions: 0 } : null;
    if (stats) (window as unknown as { __attractStats?: AttractStats }).__attractStats = stats;
    const engine = new LoopEngine(
      { videos: [videoA.current!, videoB.current!], images: [imageA.current!, imageB.current!] },
      {
        next: (after) => plan.next(after),
        volume: () => plan.volume(),
        onShow: (item) => {
          setCaption(item);
          setMode('playing');
          if (stats) stats.transitions++;
        },
        onEnd: report,
        onBroken: (item) => plan.markBroken(item),
        onEmpty: () => {
          setCaption(null);
          setMode('standby');
        },
        ...(stats
          ? {
              onGap: (h: Handover) => {
                stats.gaps.push(h.gapMs);
                if (stats.handovers.length < 50) stats.handovers.push(h);
                if (h.waited) stats.waited++;
              },
            }
          : {}),
      },
      { stallMs: options.stallMs, leadMs: options.leadMs },
    );
    let live = true;
    let started = false;
    let boundary: ReturnType<typeof setTimeout> | null = null;
    const armBoundary = () => {
      if (boundary) clearTimeout(boundary);
      boundary = setTimeout(
        () => {
          engine.refresh();
          armBoundary();
        },
        Math.min(plan.msToBoundary() + 20, MAX_TIMER_MS),
      );
    };
    const load = async () => {
      const r = await api.call('playlist.current');
      if (!live) return;
      if (!r.ok) {
        if (!started) setMode('standby'); // the agent is restarting: invite a touch, look again soon
        return;
      }
      plan.setPlaylist(r.value);
      if (started) engine.refresh();
      else {
        started = true;
        engine.start();
      }
      armBoundary();
    };
    const off = api.on('playlist.changed', () => void load());
    const recheck = setInterval(() => {
      if (!engine.current) void load();
    }, options.recheckMs);
    void load();
    return () => {
      live = false;
      off();
      clearInterval(recheck);
      if (boundary) clearTimeout(boundary);
      engine.stop();
    };
  }, [api, options]);

  return (
    <div
      className={`attract attract-${mode}${covering ? ' is-covering' : ''}`}
      data-testid="attract"
      data-mode={mode}
      data-item={caption?.id ?? ''}
      role="region"
      aria-label={t('attract.label')}
      aria-hidden={visible ? undefined : true}
    >
      <div className="attract-stage">
        <video ref={videoA} className="attract-media" data-testid="attract-video" playsInline muted preload="auto" disablePictureInPicture />
        <video ref={videoB} className="attract-media" data-testid="attract-video" playsInline muted preload="auto" disablePictureInPicture />
        <img ref={imageA} className="attract-media" alt="" decoding="async" />
        <img ref={imageB} className="attract-media" alt="" decoding="async" />
      </div>
      <div className="attract-band">
        <div className="attract-caption" data-testid="attract-caption">
          {caption && <p className="attract-caption-title">{caption.title}</p>}
          {caption?.titleEn && (
            <p className="attract-caption-en" lang="en">
              {caption.titleEn}
            </p>
          )}
        </div>
        <p className="attract-hint">
          {both('attract.touchToStart').map((h) => (
            <span key={h.lang} lang={h.lang}>
              {h.text}
            </span>
          ))}
        </p>
      </div>
      {mode === 'standby' && <StandbyScreen />}
    </div>
  );
}
