import type { CaseEventType } from '../cases/lifecycle.js';

// Who may do what at the court hub (DESIGN §8 "Roles"). One table for case events, one for the
// rest; the API enforces them (403, audited), the console shows only what they allow, the tests
// walk them. Scope narrows further: a mediator works only on cases diverted to their
// organisation, counter staff see only what was entered at their site.

export const staffRoles = [
  'court_admin', // accounts, sites, organisations, terminals, playlist; no party data
  'filing_clerk', // 立案: receives, diverts, files; enters cases at court
  'judge', // rules on judicial confirmation; guides mediation
  'judge_assistant', // 法官助理: manages pre-litigation mediation and confirmation files
  'mediator', // of a mediation organisation: mediates the cases diverted to it
  'counter_staff', // of a site: enters disputes for residents at a remote service counter
  'dashboard_viewer', // leadership and command centre: indicators, terminals, trends; no party data
] as const;
export type StaffRole = (typeof staffRoles)[number];

/** The roles that may append each case event (terminal and system actors are decided by the hub's own code paths). */
export const eventRoles: Record<CaseEventType, readonly StaffRole[]> = {
  'case.received': ['filing_clerk', 'counter_staff'],
  'confirmation.opened': ['filing_clerk', 'judge', 'judge_assistant'],
  'lawsuit.opened': ['filing_clerk', 'judge'], // opened by filing directly, which a judge may also do
  'case.diverted': ['filing_clerk', 'judge', 'judge_assistant'],
  'case.filed_directly': ['filing_clerk', 'judge'],
  'mediator.assigned': ['filing_clerk', 'judge_assistant', 'mediator'],
  'mediation.extended': ['mediator', 'judge_assistant'],
  'session.scheduled': ['mediator', 'judge_assistant'],
  'session.held': ['mediator', 'judge_assistant'],
  'session.cancelled': ['mediator', 'judge_assistant'],
  'mediation.settled': ['mediator'],
  'mediation.failed': ['mediator'],
  'mediation.withdrawn': ['mediator', 'filing_clerk'],
  'agreement.drafted': ['mediator'],
  'agreement.signed': ['mediator'],
  'agreement.completed': ['mediator'],
  'confirmation.applied': ['filing_clerk', 'judge', 'judge_assistant'],
  'confirmation.extended': ['judge'],
  'confirmation.confirmed': ['judge'],
  'confirmation.refused': ['judge'],
  'case.filed_as_lawsuit': ['filing_clerk'],
  'case.closed': ['filing_clerk', 'judge_assistant', 'mediator'],
  'case.reopened': ['filing_clerk', 'judge'],
  'case.reclassified': ['filing_clerk', 'judge', 'judge_assistant'],
  'event.corrected': ['filing_clerk', 'judge', 'judge_assistant', 'mediator'],
  'note.added': ['filing_clerk', 'judge', 'judge_assistant', 'mediator'],
  'room.opened': ['mediator', 'judge', 'judge_assistant'],
  'room.joined': ['mediator', 'judge', 'judge_assistant', 'filing_clerk'],
  'room.admitted': ['mediator', 'judge', 'judge_assistant', 'filing_clerk'],
  'room.left': ['mediator', 'judge', 'judge_assistant', 'filing_clerk'],
  // Appended by the hub from the room's media reports, never by hand.
  'room.media.interrupted': [],
  'room.closed': ['mediator', 'judge', 'judge_assistant'],
  // Appended by the hub as the room's recording goes (server/sfu/recording*), never by hand.
  'recording.requested': [],
  'recording.consented': ['mediator', 'judge', 'judge_assistant'],
  'recording.refused': [],
  'recording.started': [],
  'recording.stopped': [],
  'recording.deleted': [],
  'recording.stored': ['mediator', 'judge', 'judge_assistant'],
  'record.signed': ['mediator', 'judge', 'judge_assistant'],
  // Appended by the hub as the judge holds the hearing in the room (server/hearing/), never by hand.
  'hearing.opened': [],
  'floor.given': [],
  'hearing.closed': [],
};

/** Things staff do that are not case events. */
export const staffAbilities = {
  manageAccounts: ['court_admin'],
  manageSites: ['court_admin'],
  manageOrganisations: ['court_admin', 'filing_clerk'],
  manageTerminals: ['court_admin'],
  managePlaylist: ['court_admin'],
  manageCaseLibrary: ['court_admin', 'judge', 'judge_assistant'],
  /** See the case list and case pages (parties masked). */
  readCases: ['filing_clerk', 'judge', 'judge_assistant', 'mediator', 'counter_staff'],
  /** Open a party's personal data (name in full, ID number, phone, address, the application); audited. */
  openPersonalData: ['filing_clerk', 'judge', 'judge_assistant', 'mediator', 'counter_staff'],
  /** Enter a dispute on a resident's behalf at a remote service counter. */
  enterAtCounter: ['counter_staff', 'filing_clerk'],
  answerCalls: ['mediator', 'judge', 'judge_assistant'],
  /** See which kiosks' residents asked for staff, and mark a request handled (the people on site and at the court). */
  answerHelpRequests: ['court_admin', 'filing_clerk', 'counter_staff', 'mediator', 'judge_assistant'],
  /** Open the guidance desk: see the mediation rooms open now, join one as guiding judge, share reference cases. */
  guideMediation: ['judge', 'court_admin'],
  readDashboard: ['court_admin', 'filing_clerk', 'judge', 'judge_assistant', 'dashboard_viewer'],
  readSiteDashboard: ['court_admin', 'filing_clerk', 'judge', 'judge_assistant', 'dashboard_viewer', 'counter_staff', 'mediator'],
  exportCases: ['filing_clerk', 'judge', 'judge_assistant'],
  readAudit: ['court_admin'],
} as const satisfies Record<string, readonly StaffRole[]>;
export type StaffAbility = keyof typeof staffAbilities;

export function can(role: StaffRole, ability: StaffAbility): boolean {
  return (staffAbilities[ability] as readonly StaffRole[]).includes(role);
}

export function mayAppend(role: StaffRole, event: CaseEventType): boolean {
  return eventRoles[event].includes(role);
}

/** The part of the court's cases a staff member works in. */
export interface StaffScope {
  role: StaffRole;
  /** A mediator's organisation. */
  organisationId?: string | null;
  /** A counter staff member's site. */
  siteId?: string | null;
}

/** What the scope rule needs to know about a case. */
export interface CaseScopeFacts {
  organisationId: string | null;
  siteId: string | null;
}

/**
 * Whether a case is in a staff member's part of the court: mediators see the cases diverted to
 * their organisation, counter staff what was entered at their site, the court's own roles all.
 */
export function inScope(scope: StaffScope, c: CaseScopeFacts): boolean {
  switch (scope.role) {
    case 'mediator':
      return !!scope.organisationId && c.organisationId === scope.organisationId;
    case 'counter_staff':
      return !!scope.siteId && c.siteId === scope.siteId;
    case 'court_admin':
    case 'dashboard_viewer':
      return false; // they see figures and settings, not case files
    default:
      return true;
  }
}
