import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Candidate } from '../ime/pinyinEngine.js';
import type { PinyinInput } from './usePinyin.js';

/** Candidates a page holds at most; fewer when fewer fit the bar whole (portrait, elderly, long words). */
const PAGE = 7;
/** A spelling longer than this shows its end (where the resident is typing), from a whole syllable, after "…". */
const SPELLED_SHOWN = 36;
function tail(spelled: string): string {
  if (spelled.length <= SPELLED_SHOWN) return spelled;
  const end = spelled.slice(-SPELLED_SHOWN);
  const space = end.indexOf(' ');
  return `…${space < 0 ? end : end.slice(space + 1)}`;
}

/**
 * The pinyin typed so far and the characters or words it may mean, a page at a time. A page is
 * what fits the bar whole: once a fixed seven, and those past the bar's edge (a portrait screen,
 * elderly mode, a long phrase) were cut off and skipped by the next page, never to be reached.
 */
export function CandidateBar({ pinyin, onPick }: { pinyin: PinyinInput; onPick: (candidate: Candidate, shownFor: string) => void }) {
  const { t } = useTranslation();
  const list = useRef<HTMLDivElement>(null);
  // Where each page turned to for these letters began: new letters start at the first page.
  const [turned, setTurned] = useState({ letters: pinyin.letters, starts: [0] });
  const starts = turned.letters === pinyin.letters ? turned.starts : [0];
  const start = starts[starts.length - 1]!;
  // The bar's width: a page is measured again when it changes (rotation, elderly mode).
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const box = list.current;
    if (!box) return;
    const observer = new ResizeObserver(() => setWidth(box.clientWidth));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  // How many of this page's candidates fit whole: until measured, the page lays out PAGE of them
  // (before the screen is painted: no flicker), then shows only those that fit.
  const page = `${pinyin.letters}|${pinyin.candidates.length}|${start}|${width}`;
  const [fit, setFit] = useState({ page: '', count: PAGE });
  const measuring = fit.page !== page;
  const shown = pinyin.candidates.slice(start, start + (measuring ? PAGE : fit.count));
  useLayoutEffect(() => {
    const box = list.current;
    if (!measuring || !box) return;
    const edge = box.getBoundingClientRect().right + 0.5;
    const whole = [...box.children].findIndex((el) => el.getBoundingClientRect().right > edge);
    setFit({ page, count: Math.max(1, whole < 0 ? box.children.length : whole) });
  }, [measuring, page]);
  const keep = (e: { preventDefault(): void }) => e.preventDefault();
  const turn = (next: number[]) => setTurned({ letters: pinyin.letters, starts: next });
  return (
    <div className="candidate-bar" data-testid="candidate-bar">
      <span className={`candidate-pinyin${pinyin.letters ? '' : ' is-hint'}`} data-testid="candidate-pinyin" aria-live="polite">
        {pinyin.letters ? tail(pinyin.spelled) : t(pinyin.ready ? 'keyboard.pinyinHint' : 'keyboard.loading')}
      </span>
      <div className="candidate-list" ref={list} role="group" aria-label={t('keyboard.candidates')}>
        {shown.map((c, i) => (
          <button
            key={`${c.text}/${c.consumed}`}
            type="button"
            className="candidate"
            data-candidate={c.text}
            data-testid={`candidate-${i}`}
            onMouseDown={keep}
            onClick={() => onPick(c, pinyin.letters)}
          >
            {c.text}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="candidate-page"
        data-testid="candidate-prev"
        aria-label={t('keyboard.previous')}
        disabled={starts.length === 1}
        onMouseDown={keep}
        onClick={() => turn(starts.slice(0, -1))}
      >
        ‹
      </button>
      <button
        type="button"
        className="candidate-page"
        data-testid="candidate-next"
        aria-label={t('keyboard.next')}
        disabled={measuring || start + shown.length >= pinyin.candidates.length}
        onMouseDown={keep}
        onClick={() => turn([...starts, start + shown.length])}
      >
        ›
      </button>
    </div>
  );
}
