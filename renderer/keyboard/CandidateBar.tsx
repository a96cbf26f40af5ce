import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Candidate } from '../ime/pinyinEngine.js';
import type { PinyinInput } from './usePinyin.js';

const PAGE = 7;
/** A spelling longer than this shows its end (where the resident is typing), from a whole syllable, after "…". */
const SPELLED_SHOWN = 36;
function tail(spelled: string): string {
  if (spelled.length <= SPELLED_SHOWN) return spelled;
  const end = spelled.slice(-SPELLED_SHOWN);
  const space = end.indexOf(' ');
  return `…${space < 0 ? end : end.slice(space + 1)}`;
}

/** The pinyin typed so far and the characters or words it may mean, a page at a time. */
export function CandidateBar({ pinyin, onPick }: { pinyin: PinyinInput; onPick: (candidate: Candidate, shownFor: string) => void }) {
  const { t } = useTranslation();
  // The page belongs to the letters it was turned for: new letters start at the first page.
  const [turned, setTurned] = useState({ letters: pinyin.letters, page: 0 });
  const page = turned.letters === pinyin.letters ? turned.page : 0;
  const setPage = (next: number) => setTurned({ letters: pinyin.letters, page: next });
  const pages = Math.max(1, Math.ceil(pinyin.candidates.length / PAGE));
  const shown = pinyin.candidates.slice(page * PAGE, page * PAGE + PAGE);
  const keep = (e: { preventDefault(): void }) => e.preventDefault();
  return (
    <div className="candidate-bar" data-testid="candidate-bar">
      <span className={`candidate-pinyin${pinyin.letters ? '' : ' is-hint'}`} data-testid="candidate-pinyin" aria-live="polite">
        {pinyin.letters ? tail(pinyin.spelled) : t(pinyin.ready ? 'keyboard.pinyinHint' : 'keyboard.loading')}
      </span>
      <div className="candidate-list" role="group" aria-label={t('keyboard.candidates')}>
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
        disabled={page === 0}
        onMouseDown={keep}
        onClick={() => setPage(Math.max(0, page - 1))}
      >
        ‹
      </button>
      <button
        type="button"
        className="candidate-page"
        data-testid="candidate-next"
        aria-label={t('keyboard.next')}
        disabled={page >= pages - 1}
        onMouseDown={keep}
        onClick={() => setPage(Math.min(pages - 1, page + 1))}
      >
        ›
      </button>
    </div>
  );
}
