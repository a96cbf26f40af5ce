import { useEffect, useState } from 'react';
import { defaultCourtIdentity, loadCourtIdentity, type CourtIdentity } from './courtIdentity.js';

let loaded: Promise<CourtIdentity> | null = null;

/** The court's name and emblem, read once per page. */
export function useCourtIdentity(): CourtIdentity {
  const [identity, setIdentity] = useState(defaultCourtIdentity);
  useEffect(() => {
    let live = true;
    loaded ??= loadCourtIdentity();
    void loaded.then((value) => {
      if (live) setIdentity(value);
    });
    return () => {
      live = false;
    };
  }, []);
  return identity;
}
