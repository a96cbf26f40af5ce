import { describe, expect, it } from 'vitest';
import { mayAutosave, recordKeepingReducer, recordKeepingStart, type RecordEvent, type RecordKeeping } from '../../server/console-app/hearing/recordKeeping.js';

// The desk's record pane as pure state: a stale save never loses the keeper's text, the latest is
// offered beside it, and the keeper's choice decides what is saved next.

const run = (events: RecordEvent[], from: RecordKeeping = recordKeepingStart) => events.reduce(recordKeepingReducer, from);

describe('the keeper record on the desk', () => {
  it('follows the hub while nothing of its own is unsaved, and saves what is typed on the version it was typed on', () => {
    const joined = run([{ type: 'latest', version: 2, text: 'v2' }]);
    expect(joined).toMatchObject({ version: 2, saved: 'v2', draft: 'v2', conflict: null });
    expect(mayAutosave(joined)).toBe(false);
    const typed = run([{ type: 'typed', text: 'v2 more' }], joined);
    expect(mayAutosave(typed)).toBe(true);
    const saving = run([{ type: 'saving' }], typed);
    expect(mayAutosave(saving)).toBe(false);
    // Typed while the save was on its way: kept, and saved next.
    const saved = run(
      [
        { type: 'typed', text: 'v2 more and more' },
        { type: 'saved', version: 3, text: 'v2 more' },
      ],
      saving,
    );
    expect(saved).toMatchObject({ version: 3, saved: 'v2 more', draft: 'v2 more and more', saving: false });
    expect(mayAutosave(saved)).toBe(true);
    // An old version arriving late changes nothing.
    expect(run([{ type: 'latest', version: 2, text: 'v2' }], saved)).toBe(saved);
  });

  it('keeps the keeper text when a save is stale and offers the latest; the keeper takes it or saves theirs over it', () => {
    const mine = run([{ type: 'latest', version: 1, text: 'v1' }, { type: 'typed', text: 'mine' }, { type: 'saving' }, { type: 'stale' }, { type: 'latest', version: 2, text: 'theirs' }]);
    expect(mine).toMatchObject({ version: 1, draft: 'mine', conflict: { version: 2, text: 'theirs' }, saving: false });
    expect(mayAutosave(mine)).toBe(false);
    expect(run([{ type: 'takeLatest' }], mine)).toMatchObject({ version: 2, saved: 'theirs', draft: 'theirs', conflict: null });
    const kept = run([{ type: 'keepMine' }], mine);
    expect(kept).toMatchObject({ version: 2, saved: 'theirs', draft: 'mine', conflict: null });
    expect(mayAutosave(kept)).toBe(true);
  });

  it('keeps the text after a failed save and waits for the keeper; another call starts empty', () => {
    const failed = run([{ type: 'typed', text: 'draft' }, { type: 'saving' }, { type: 'failed' }]);
    expect(failed).toMatchObject({ draft: 'draft', failed: true, saving: false });
    expect(mayAutosave(failed)).toBe(false);
    expect(mayAutosave(run([{ type: 'typed', text: 'draft!' }], failed))).toBe(true);
    expect(run([{ type: 'reset' }], failed)).toEqual(recordKeepingStart);
  });
});
