import { useEffect, useMemo, useRef, useState } from 'react';
import type { DisputeType } from '../../shared/disputeTypes.js';
import { loadPinyinEngine, onCourtWordsRanked } from '../ime/engineLoading.js';
import type { Candidate, PinyinEngine, RankingMode, Topic } from '../ime/pinyinEngine.js';
import type { FieldKind } from '../wizard/questions.js';
import type { ResidentPicks } from './residentPicks.js';

export interface PinyinInput {
  /** Letters typed but not yet turned into characters. */
  letters: string;
  /** The letters split into syllables for display ("wang jian"), or the raw letters. */
  spelled: string;
  candidates: Candidate[];
  ready: boolean;
  type(letter: string): void;
  /** Deletes a pending letter; false when there was none (the key then deletes from the value). */
  backspace(): boolean;
  /**
   * The characters a candidate stands for; the letters it used up are removed. `shownFor` is the
   * composition the candidate was shown for: a second tap on a candidate already taken (a double
   * tap, or a tap landing before the bar re-rendered) finds other letters and inserts nothing.
   */
  pick(candidate: Candidate, shownFor: string): string;
  /** Ends the composition, as a space, "done" or punctuation does: the whole of it, never a part. */
  commitAll(): string;
}

/** How a field's candidates rank: names first in a person's name, common words first in a party's. */
export function rankingFor(kind: FieldKind): RankingMode {
  return kind === 'partyName' ? 'party' : kind === 'name' ? 'name' : 'text';
}

/**
 * What a field's candidates are ranked in the context of: the filing's dispute type, only in the
 * dispute's own narrative — the facts and the claims, the multiline fields — never in any one-line
 * answer: an organisation's name, an accessibility note, a name, an ID, a phone or an address,
 * whose words are no sign of the dispute and may be personal (topicRanking.ts; pinned field by field
 * in tests/unit/pinyinTopicFields.test.ts).
 */
export const topicFor = (kind: FieldKind, disputeType: DisputeType | null | undefined): Topic => (kind === 'multiline' ? (disputeType ?? null) : null);

/**
 * The pinyin composition state of one field; the dictionary loads on first use. `picks`: the
 * resident's earlier picks, offered first and added to on each pick and each word a composition
 * ends in (null: a field that learns none). `topic`: the dispute type the resident writes about (topicFor).
 */
export function usePinyin(mode: RankingMode, picks: ResidentPicks | null = null, topic: Topic = null): PinyinInput {
  const [engine, setEngine] = useState<PinyinEngine | null>(null);
  const [letters, setLetters] = useState('');
  // The composition as of the last tap, not the last render: taps that come faster than React
  // renders (a pick then 完成) must see each other's effect.
  const live = useRef('');
  const compose = (next: string) => {
    live.current = next;
    setLetters(next);
  };

  // A dictionary that did not load leaves the bar saying "preparing…"; the resident's next letter
  // tries again (one request at a time: loadPinyinEngine), so an open keyboard never stays without Chinese.
  const [attempt, setAttempt] = useState(0);
  const failed = useRef(false);
  useEffect(() => {
    let mounted = true;
    failed.current = false;
    loadPinyinEngine().then(
      (e) => {
        if (mounted) setEngine(e);
      },
      () => {
        failed.current = true;
      },
    );
    return () => {
      mounted = false;
    };
  }, [attempt]);

  // The court's words may reach the engine while letters are shown (useCourtWords): ranked again then.
  const [courtRevision, setCourtRevision] = useState(0);
  useEffect(() => {
    const off = onCourtWordsRanked(() => setCourtRevision((n) => n + 1));
    return () => void off();
  }, []);

  // A pick changes the letters, so the next list is computed after it, with it.
  const candidates = useMemo(
    () => (engine && letters ? engine.candidates(letters, mode, undefined, picks?.list(), topic) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- courtRevision: the engine's court words changed inside it
    [engine, letters, mode, picks, topic, courtRevision],
  );
  const spelled = useMemo(() => (engine && letters ? engine.spelled(letters) : letters), [engine, letters]);

  return {
    letters,
    spelled,
    candidates,
    ready: engine !== null,
    // No cap on the letters: a resident typing a whole phrase in one go keeps every letter (the
    // engine's work grows with the syllables, a few dozen at most by touch).
    type(letter) {
      if (failed.current) {
        failed.current = false;
        setAttempt((n) => n + 1);
      }
      compose(live.current + letter);
    },
    backspace() {
      if (!live.current) return false;
      compose(live.current.slice(0, -1));
      return true;
    },
    pick(candidate, shownFor) {
      if (live.current !== shownFor || candidate.consumed > shownFor.length) return '';
      compose(shownFor.slice(candidate.consumed));
      picks?.remember(candidate.text);
      return candidate.text;
    },
    commitAll() {
      const pending = live.current;
      if (!pending) return '';
      compose('');
      if (!engine) return pending;
      const text = engine.commitment(pending, mode, picks?.list(), topic);
      // A word written whole with 完成 or space is the resident's word as much as a tapped one; the
      // letters left as they were (no word spells them) are not a word to offer back.
      if (text !== pending) picks?.remember(text);
      return text;
    },
  };
}
