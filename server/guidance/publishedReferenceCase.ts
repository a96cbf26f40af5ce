import { publishedView } from '../../shared/referenceCases/referenceCase.js';
import type { DbScope } from '../db/engine.js';
import { referenceCaseStore } from '../referenceCases/referenceCaseStore.js';
import type { PublishedLookup } from './roomShare.js';

/** A room may be shown a published case of the library, never a draft. */
export function publishedReferenceCase(scope: DbScope): PublishedLookup {
  const store = referenceCaseStore();
  return async (referenceCaseId) => {
    const found = await store.read(scope, referenceCaseId);
    return found?.published ? publishedView(found) : null;
  };
}
