import { useEffect } from 'react';
import type { KioskApi } from '../../shared/contract.js';
import { rankByCourtWords } from '../ime/engineLoading.js';

/**
 * The court's own words (shared/courtWords.ts) for the keyboard's ranking in the dispute's
 * narrative (renderer/ime/courtRanking.ts): asked of the agent while a resident files (`filing`:
 * the wizard's steps, the page linked to its host), and again whenever the agent keeps a new list.
 * None kept (a new hub, or never reached): the keyboard ranks as without them.
 */
export function useCourtWords(api: KioskApi, filing: boolean): void {
  useEffect(() => {
    if (!filing) return;
    let live = true;
    const load = () =>
      void api.call('courtWords.current').then((r) => {
        if (live && r.ok) rankByCourtWords(r.value);
      });
    load();
    const off = api.on('courtWords.changed', load);
    return () => {
      live = false;
      off();
    };
  }, [api, filing]);
}
