import { HubError } from '../http/errors.js';

// An account whose password was set or reset by an admin can do nothing but change it: the court
// API, the console and the dashboard refuse it with this answer, and so do the doors that take
// calls (the mediator desk, its socket, the invitations) and the judges' guidance desk, which read a
// StaffProfile, not a principal.

/** The refusal the desk turns into shared/courtApi/refusalWords.ts's 'password' words and its link to /console/password. */
export const passwordChangeRequired = (): HubError => new HubError(403, 'PASSWORD_CHANGE_REQUIRED', 'Change your password first');
