import { useState, type FormEvent } from 'react';
import type { PendingRecordPrompt, RecordAnswer, RecordToSign } from '../../../shared/rooms/hearingRecord.js';
import { RECORD_LINK_TTL_MS, RecordLinkUnlocked, recordLinkPaths } from '../../../shared/rooms/recordByLink.js';
import { JoinRecordSigning } from './JoinHearing.js';
import { errorText, retryAfterOf, type joinWords } from './joinWords.js';

// The invite link opened after the hearing (shared/rooms/recordByLink.ts): the party gives their
// name and ID ending again, reads the record, and signs it by hand or refuses — the same reading
// and signing screen as in the room (./JoinHearing.tsx). What they typed stays in this page's
// memory only while they read, to go with their answer; the hub keeps no session for it.

type Words = (typeof joinWords)['zh-CN'];

type Stage = { kind: 'identify'; error: string | null; retryAfterS?: number | null; busy: boolean } | { kind: 'read'; record: RecordToSign } | { kind: 'done' };

const LINK_DAYS = String(Math.round(RECORD_LINK_TTL_MS / 86_400_000));

async function post(path: string, body: unknown): Promise<{ ok: true; body: unknown } | { ok: false; code: string; retryAfterS: number | null }> {
  try {
    const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json: unknown = await res.json().catch(() => null);
    if (res.ok) return { ok: true, body: json };
    return { ok: false, code: (json as { error?: { code?: string } } | null)?.error?.code ?? 'other', retryAfterS: retryAfterOf(res) };
  } catch {
    return { ok: false, code: 'other', retryAfterS: null };
  }
}

export interface JoinRecordAfterCallProps {
  invite: string;
  waiting: PendingRecordPrompt;
  words: Words;
  onSwitchLanguage: () => void;
}

export function JoinRecordAfterCall({ invite, waiting, words, onSwitchLanguage }: JoinRecordAfterCallProps) {
  const [claim, setClaim] = useState({ name: '', idLast4: '' });
  const [stage, setStage] = useState<Stage>({ kind: 'identify', error: null, busy: false });

  async function open(e: FormEvent) {
    e.preventDefault();
    setStage({ kind: 'identify', error: null, busy: true });
    const answer = await post(recordLinkPaths.unlock, { invite, callId: waiting.callId, ...claim });
    const parsed = answer.ok ? RecordLinkUnlocked.safeParse(answer.body) : null;
    if (!parsed?.success) return setStage({ kind: 'identify', error: answer.ok ? 'other' : answer.code, retryAfterS: answer.ok ? null : answer.retryAfterS, busy: false });
    setStage({ kind: 'read', record: parsed.data.record });
  }

  const answerRecord = async (a: RecordAnswer): Promise<boolean> => (await post(recordLinkPaths.answer, { invite, ...claim, answer: a })).ok;

  if (stage.kind === 'read') {
    return (
      <JoinRecordSigning
        record={stage.record}
        words={words}
        onAnswer={answerRecord}
        onDone={() => {
          // Answered: what was typed goes.
          setClaim({ name: '', idLast4: '' });
          setStage({ kind: 'done' });
        }}
        onSwitchLanguage={onSwitchLanguage}
      />
    );
  }
  if (stage.kind === 'done') {
    return (
      <p className="join-waiting" role="status" data-testid="join-after-done">
        {words.afterDone}
      </p>
    );
  }
  const field = (key: 'name' | 'idLast4', label: string, max: number) => (
    <label className="join-field">
      <span>{label}</span>
      <input value={claim[key]} maxLength={max} autoComplete="off" required data-testid={`join-after-${key}`} onChange={(e) => setClaim({ ...claim, [key]: e.target.value })} />
    </label>
  );
  return (
    <form className="join-form" data-testid="join-after" onSubmit={(e) => void open(e)}>
      <p>{words.afterIntro}</p>
      {field('name', words.name, 100)}
      {field('idLast4', words.idLast4, 4)}
      {stage.error && (
        <p className="join-error" role="alert" data-testid="join-after-error" data-code={stage.error}>
          {errorText(words, words.afterErrors, stage.error, stage.retryAfterS ?? null, LINK_DAYS)}
        </p>
      )}
      <button type="submit" className="join-enter" disabled={stage.busy} data-testid="join-after-open">
        {stage.busy ? words.afterOpening : words.afterOpen}
      </button>
    </form>
  );
}
