import { useEffect } from 'react';
import type { KioskApi } from '../../shared/contract.js';
import { loadPinyinEngine } from '../ime/pinyinEngine.js';
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
 */
export function useDraftKeeping(api: KioskApi, autosave: DraftAutosave, photos: PhotoShelf, screen: Screen, context: WizardContext, send: (event: WizardEvent) => void): void {
  useEffect(() => {
    let live = true;
    void api.call('draft.load').then((r) => {
      const resumed = live && r.ok && r.value ? fromDraft(r.value) : null;
      if (resumed) send({ type: 'RESUME', draft: resumed });
    });
    return () => {
      live = false;
    };
  }, [api, send]);

  const step = isStep(screen) ? screen : null;
  useEffect(() => {
    if (!step || !context.submissionId) return;
    autosave.schedule(toDraft({ submissionId: context.submissionId, language: context.language, elderly: context.elderly, step, reviewing: context.reviewing, application: context.application }));
    // The pinyin dictionary is fetched while the resident reads the first screens.
    void loadPinyinEngine();
  }, [autosave, step, context.submissionId, context.language, context.elderly, context.reviewing, context.application]);

  useEffect(() => {
    if (screen === 'receipt') {
      void autosave.discard();
      photos.clear();
    }
  }, [autosave, photos, screen]);
}
