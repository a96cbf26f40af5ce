import type { ExpressionBuilder } from 'kysely';
import { provisionalKey } from '../../shared/caseStatus.js';
import { normaliseCaseNumber } from '../../shared/cases/caseNumber.js';
import type { CaseFile } from '../../shared/cases/caseFile.js';
import type { CaseListQuery } from '../../shared/courtApi/cases.js';
import type { StaffScope } from '../../shared/staff/roles.js';
import type { DbScope } from '../db/engine.js';
import type { HubDatabase } from '../db/schema.js';
import type { Vault } from '../personalData/vault.js';

// The case list staff work from: filters, the caller's scope (a mediator sees their
// organisation's cases, counter staff their site's), search, newest first in pages. Search takes a
// case number (any way it is typed), a provisional number, a party's name (exact, or its start),
// a phone number or an ID number — the last two by their blind index, never in clear.

export interface CaseListPage {
  cases: CaseFile[];
  nextCursor: string | null;
}

const PHONE = /^[\d\s+()-]{7,20}$/;
const ID_NUMBER = /^[0-9A-Za-z]{15,18}$/;

const encodeCursor = (receivedAt: string, caseId: string) => Buffer.from(`${receivedAt}|${caseId}`).toString('base64url');
function decodeCursor(cursor: string): { receivedAt: string; caseId: string } | null {
  const [receivedAt, caseId] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return receivedAt && caseId ? { receivedAt, caseId } : null;
}

export function caseListStore(vault: Vault) {
  /** Case ids a search text finds among the parties (by name, phone index, ID index). */
  function partyMatch(eb: ExpressionBuilder<HubDatabase, 'cases'>, q: string) {
    const parties = eb.selectFrom('case_parties').select('case_parties.case_id');
    const conditions = [];
    if (PHONE.test(q) && q.replace(/\D/g, '').length >= 7) conditions.push(eb('cases.case_id', 'in', parties.where('phone_index', '=', vault.blindIndex('phone', q))));
    if (ID_NUMBER.test(q)) conditions.push(eb('cases.case_id', 'in', parties.where('id_number_index', '=', vault.blindIndex('idNumber', q))));
    // a name's start; text with LIKE's own wildcards is matched exactly only (the engines escape differently)
    const byName = /[\\%_]/.test(q) ? parties.where('name', '=', q) : parties.where((p) => p.or([p('name', '=', q), p('name', 'like', `${q}%`)]));
    conditions.push(eb('cases.case_id', 'in', byName));
    return conditions;
  }

  return {
    async list(scope: DbScope, q: CaseListQuery, staffScope: StaffScope, today: string): Promise<CaseListPage> {
      let query = scope.db.selectFrom('cases').select(['cases.file_json', 'cases.received_at', 'cases.case_id']);
      if (staffScope.role === 'mediator') query = query.where('cases.organisation_id', '=', staffScope.organisationId ?? '-');
      if (staffScope.role === 'counter_staff') query = query.where('cases.site_id', '=', staffScope.siteId ?? '-');
      if (q.kind) query = query.where('cases.kind', '=', q.kind);
      if (q.state && q.state.length > 0) query = query.where('cases.state', 'in', q.state);
      if (q.organisationId) query = query.where('cases.organisation_id', '=', q.organisationId);
      if (q.siteId) query = query.where('cases.site_id', '=', q.siteId);
      if (q.mediator) query = query.where('cases.mediator', '=', q.mediator);
      if (q.disputeType) query = query.where('cases.dispute_type', '=', q.disputeType);
      if (q.channel) query = query.where('cases.channel', '=', q.channel);
      // received_at is an instant; a court date starts at 16:00Z the day before (UTC+8)
      if (q.receivedFrom) query = query.where('cases.received_at', '>=', new Date(`${q.receivedFrom}T00:00:00+08:00`).toISOString());
      if (q.receivedTo) query = query.where('cases.received_at', '<', new Date(Date.parse(`${q.receivedTo}T00:00:00+08:00`) + 86_400_000).toISOString());
      if (q.overdue === 'true') {
        // shared/cases/caseFile.ts deadlineStatus: the court's own limits
        query = query.where((eb) =>
          eb.or([
            eb.and([eb('cases.state', '=', 'in_mediation'), eb('cases.mediation_due_date', '<', today)]),
            eb.and([eb('cases.state', 'in', ['in_confirmation', 'confirmation_pending']), eb('cases.ruling_due_date', '<', today)]),
          ]),
        );
      }
      if (q.q) {
        const text = q.q;
        const number = normaliseCaseNumber(text);
        const key = provisionalKey(text);
        query = query.where((eb) =>
          eb.or([
            ...(number ? [eb('cases.case_number', '=', number)] : []),
            ...(key.length >= 6 ? [eb(eb.fn('replace', [eb.fn('replace', [eb.fn('upper', ['cases.provisional_number']), eb.val('-'), eb.val('')]), eb.val('_'), eb.val('')]), '=', key)] : []),
            ...partyMatch(eb, text),
          ]),
        );
      }
      const after = q.cursor ? decodeCursor(q.cursor) : null;
      if (after) {
        query = query.where((eb) => eb.or([eb('cases.received_at', '<', after.receivedAt), eb.and([eb('cases.received_at', '=', after.receivedAt), eb('cases.case_id', '<', after.caseId)])]));
      }
      const rows = await query
        .orderBy('cases.received_at', 'desc')
        .orderBy('cases.case_id', 'desc')
        .limit(q.limit + 1)
        .execute();
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        cases: page.map((r) => JSON.parse(r.file_json) as CaseFile),
        nextCursor: rows.length > q.limit && last ? encodeCursor(last.received_at, last.case_id) : null,
      };
    },
  };
}
export type CaseListStore = ReturnType<typeof caseListStore>;
