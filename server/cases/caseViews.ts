import { caseCommands } from '../../shared/cases/caseCommands.js';
import { channelLabels, kindLabels, stateLabels } from '../../shared/cases/caseLabels.js';
import { deadlineStatus, type CaseFile } from '../../shared/cases/caseFile.js';
import { allowedEvents, type CaseEventType } from '../../shared/cases/lifecycle.js';
import type { CaseEventView, CaseSummary, PartyView } from '../../shared/courtApi/cases.js';
import { courtTime } from '../../shared/courtTime.js';
import { disputeLabel } from '../../shared/disputeLabels.js';
import { maskContact, maskName } from '../../shared/masking.js';
import { inScope, mayAppend, type StaffScope } from '../../shared/staff/roles.js';
import type { Table } from '../export/spreadsheet.js';
import type { StoredEvent } from './caseStore.js';
import type { Party } from './partyStore.js';

// How cases look through the court API: a list row, an event with its hashes, a party masked or
// opened, the actions a caller may take now, and the export table. No SQL, no I/O.

export function caseSummary(c: CaseFile, applicantName: string | null, today: string): CaseSummary {
  return {
    caseId: c.caseId,
    kind: c.kind,
    state: c.state,
    seq: c.seq,
    caseNumber: c.caseNumber,
    provisionalNumber: c.provisionalNumber,
    disputeType: c.disputeType,
    channel: c.channel,
    siteId: c.siteId,
    organisationId: c.organisationId,
    mediator: c.mediator,
    receivedAt: c.receivedAt,
    updatedAt: c.updatedAt,
    deadline: deadlineStatus(c, today),
    applicant: applicantName === null ? null : maskName(applicantName),
  };
}

export const eventView = (e: StoredEvent): CaseEventView => ({ ...e.event, voidsEventId: e.voidsEventId, prevHash: e.prevHash, hash: e.hash });

/** What opening a case's parties in full is audited as, wherever staff open them (the court API's case, the agreement desk). */
export const PARTIES_OPENED = 'case.parties_opened';

export function partyView(p: Party, reveal: boolean): PartyView {
  if (reveal) return { ...p, revealed: true };
  const contact = maskContact({ idNumber: p.idNumber, phone: p.phone, address: p.address });
  return { role: p.role, index: p.index, kind: p.kind, name: maskName(p.name), ...contact, revealed: false };
}

/** The events a staff member may ask for on this case now: the table, their role, their scope. */
export function allowedActions(c: CaseFile, scope: StaffScope): CaseEventType[] {
  if (!inScope(scope, c)) return [];
  return allowedEvents(c.kind, c.state).filter((t) => t in caseCommands && mayAppend(scope.role, t));
}

/** The case list as staff download it (CSV, XLSX): Chinese headers with English beside them. */
export function caseExportTable(rows: CaseSummary[]): Table {
  return {
    name: 'cases',
    header: [
      '案号 Case number',
      '临时编号 Provisional number',
      '案件类型 Kind',
      '状态 State',
      '纠纷类型 Dispute type',
      '来源 Channel',
      '站点 Site',
      '调解组织 Organisation',
      '调解员 Mediator',
      '收案时间 Received',
      '期限 Due',
      '超期 Overdue',
      '申请人 Applicant',
    ],
    rows: rows.map((r) => [
      r.caseNumber,
      r.provisionalNumber,
      kindLabels[r.kind].zh,
      stateLabels[r.state].zh,
      disputeLabel(r.disputeType).zh,
      r.channel ? channelLabels[r.channel].zh : null,
      r.siteId,
      r.organisationId,
      r.mediator,
      courtTime(r.receivedAt, 'minute'),
      r.deadline?.dueDate ?? null,
      r.deadline ? (r.deadline.overdue ? '是' : '否') : null,
      r.applicant,
    ]),
  };
}
