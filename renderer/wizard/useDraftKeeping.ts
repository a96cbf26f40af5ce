import { useEffect, useRef } from 'react';
import type { KioskApi } from '../../shared/contract.js';
import { loadPinyinEngine } from '../ime/engineLoading.js';
import { fromDraft, toDraft } from './applicationDraft.js';
import type { DraftAutosave } from './draftAutosave.js';
import type { PhotoShelf } from './evidence/photoShelf.js';
import { isStep } from './stepNavigation.js';
import type { WizardContext } from './wizardContext.js';
import type { Screen, WizardEvent } from './wizardMachine.js';

/**
 * The application outside memory: a draft left by an earlier run (crash, reload) resumes where
 * the resident was, every answer is saved through the agent shortly after it changes, and the
 * receipt (the submission is durable at the agent) ends the draft and the visit's photos.
 * `linked`: the page reaches its host. A save made while it did not failed; the draft in memory is
 * saved again when the link is back, and a load that could not be made is made then.
 */
export function useDraftKeeping(api: KioskApi, autosave: DraftAutosave, photos: PhotoShelf, screen: Screen, context: WizardContext, send: (event: WizardEvent) => void, linked = true): void {
  const loaded = useRef(false);
  const inMemory = useRef(false);
  useEffect(() => {
    inMemory.current = context.submissionId !== null;
  });
  useEffect(() => {
    if (!linked || loaded.current) return;
    let live = true;
    void api.call('draft.load').then((r) => {
      if (!live || !r.ok) return;
      loaded.current = true;
      // The resident started over while the host was away: what is on screen is newer.
      const resumed = r.value && !inMemory.current ? fromDraft(r.value) : null;
      if (resumed) send({ type: 'RESUME', draft: resumed });
    });
    return () => {
      live = false;
    };
  }, [api, send, linked]);

  const step = isStep(screen) ? screen : null;
  useEffect(() => {
    if (!step || !context.submissionId || !linked) return;
    autosave.schedule(toDraft({ submissionId: context.submissionId, language: context.language, elderly: context.elderly, step, reviewing: context.reviewing, application: context.application }));
    // The pinyin dictionary is fetched while the resident reads the first screens.
    loadPinyinEngine().catch(() => undefined); // the keyboard tries again when it opens
  }, [autosave, step, context.submissionId, context.language, context.elderly, context.reviewing, context.application, linked]);

  useEffect(() => {
    if (screen === 'receipt') {
      void autosave.discard();
      photos.clear();
    }
  }, [autosave, photos, screen]);
}
