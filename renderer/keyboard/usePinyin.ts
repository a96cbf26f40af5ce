import { useEffect, useMemo, useState } from 'react';
import { loadPinyinEngine, type Candidate, type PinyinEngine, type RankingMode } from '../ime/pinyinEngine.js';

const MAX_LETTERS = 24;

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
  /** The characters a candidate stands for; the letters it used up are removed. */
  pick(candidate: Candidate): string;
  /** Commits the best candidate (or nothing) and clears the letters, as a space or "done" does. */
  commitBest(): string;
}

/** The pinyin composition state of one field; the dictionary loads on first use. */
export function usePinyin(mode: RankingMode): PinyinInput {
  const [engine, setEngine] = useState<PinyinEngine | null>(null);
  const [letters, setLetters] = useState('');

  useEffect(() => {
    let live = true;
    void loadPinyinEngine().then((e) => {
      if (live) setEngine(e);
    });
    return () => {
      live = false;
    };
  }, []);

  const candidates = useMemo(() => (engine && letters ? engine.candidates(letters, mode) : []), [engine, letters, mode]);
  const spelled = useMemo(() => (engine && letters ? (engine.segment(letters)?.join(' ') ?? letters) : letters), [engine, letters]);

  return {
    letters,
    spelled,
    candidates,
    ready: engine !== null,
    type(letter) {
      setLetters((l) => (l.length < MAX_LETTERS ? l + letter : l));
    },
    backspace() {
      if (!letters) return false;
      setLetters((l) => l.slice(0, -1));
      return true;
    },
    pick(candidate) {
      setLetters((l) => l.slice(candidate.consumed));
      return candidate.text;
    },
    commitBest() {
      const best = candidates[0];
      setLetters('');
      return best?.text ?? '';
    },
  };
}
