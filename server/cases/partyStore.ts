import { z } from 'zod';
import { deferrableFields, type DeferrableField, type MediationApplication } from '../../shared/application.js';
import type { DbScope } from '../db/engine.js';
import { insertTemplate } from '../db/queryTemplate.js';
import type { Vault } from '../personalData/vault.js';

// A case's parties and its application, kept apart from the events (which hold no personal
// data): names in clear (staff search by them), ID numbers, phones and addresses sealed with the
// hub's data key, with blind indexes for exact search; the whole application sealed, with the
// names of the fields it left to be asked in clear (a masked view reads them, never the application). A lawsuit
// filed from a dispute gets a copy of both, so the resident fills in nothing twice.

export type PartyRole = 'applicant' | 'respondent' | 'agent' | 'third_party';

/** A party as it is filed, opened. */
export interface Party {
  role: PartyRole;
  index: number;
  kind: 'person' | 'organisation';
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
}

/** The parties an application names: the applicant, the agent if any, each respondent. */
export function partiesOf(a: MediationApplication): Party[] {
  const applicant: Party =
    a.applicant.kind === 'person'
      ? { role: 'applicant', index: 0, kind: 'person', name: a.applicant.name, idNumber: a.applicant.idNumber ?? null, phone: a.applicant.mobile, address: a.applicant.address ?? null }
      : { role: 'applicant', index: 0, kind: 'organisation', name: a.applicant.name, idNumber: a.applicant.creditCode, phone: a.applicant.phone, address: a.applicant.address };
  const agent: Party[] = a.agent ? [{ role: 'agent', index: 0, kind: 'person', name: a.agent.name, idNumber: a.agent.idNumber ?? null, phone: a.agent.mobile, address: null }] : [];
  const respondents = a.respondents.map((r, index): Party => ({
    role: 'respondent',
    index,
    kind: r.kind,
    name: r.name,
    idNumber: r.idNumber || null,
    phone: r.mobile ?? null,
    address: r.address ?? r.employer ?? null,
  }));
  return [applicant, ...agent, ...respondents];
}

export type PartyStore = ReturnType<typeof partyStore>;

// Every intake writes these (../db/queryTemplate.ts: compiled once).
const insertApplication = insertTemplate('case_applications', ['case_id', 'application_sealed', 'created_at', 'deferred_json']);
/** A stored list of deferred field names, read defensively (a name no longer deferrable is dropped). */
const DeferredList = z.array(z.string()).catch([]);
const deferrable = new Set<string>(deferrableFields);
const insertParties = insertTemplate('case_parties', ['case_id', 'role', 'idx', 'kind', 'name', 'id_number_sealed', 'id_number_index', 'phone_sealed', 'phone_index', 'address_sealed']);

export function partyStore(vault: Vault) {
  const seal = (purpose: 'party.idNumber' | 'party.phone' | 'party.address', v: string | null) => (v ? vault.seal(purpose, v) : null);
  const open = (purpose: 'party.idNumber' | 'party.phone' | 'party.address', v: string | null) => (v ? vault.open(purpose, v) : null);

  return {
    /**
     * Stores the application and its parties for a case just opened (same transaction).
     * `applicationSealed`: the application already sealed for 'application' with this vault (an
     * intake's, server/intake/store.ts), kept as it is instead of being sealed a second time.
     */
    async record(scope: DbScope, caseId: string, application: MediationApplication, at: string, applicationSealed?: string): Promise<void> {
      await insertApplication(scope, [
        {
          case_id: caseId,
          application_sealed: applicationSealed ?? vault.seal('application', JSON.stringify(application)),
          created_at: at,
          deferred_json: JSON.stringify(application.deferred ?? []),
        },
      ]);
      const rows = partiesOf(application).map((p) => ({
        case_id: caseId,
        role: p.role,
        idx: p.index,
        kind: p.kind,
        name: p.name,
        id_number_sealed: seal('party.idNumber', p.idNumber),
        id_number_index: p.idNumber ? vault.blindIndex('idNumber', p.idNumber) : null,
        phone_sealed: seal('party.phone', p.phone),
        phone_index: p.phone ? vault.blindIndex('phone', p.phone) : null,
        address_sealed: seal('party.address', p.address),
      }));
      await insertParties(scope, rows);
    },

    /** Copies a dispute's application and parties to the lawsuit filed from it. */
    async carry(scope: DbScope, fromCaseId: string, toCaseId: string, at: string): Promise<void> {
      const application = await scope.db.selectFrom('case_applications').select(['application_sealed', 'deferred_json']).where('case_id', '=', fromCaseId).executeTakeFirst();
      if (application)
        await scope.db
          .insertInto('case_applications')
          .values({ case_id: toCaseId, ...application, created_at: at })
          .execute();
      const parties = await scope.db.selectFrom('case_parties').selectAll().where('case_id', '=', fromCaseId).execute();
      if (parties.length > 0)
        await scope.db
          .insertInto('case_parties')
          .values(parties.map((p) => ({ ...p, case_id: toCaseId })))
          .execute();
    },

    /** The parties of a case, opened (callers mask them unless the viewer may see them). */
    async parties(scope: DbScope, caseId: string): Promise<Party[]> {
      const rows = await scope.db.selectFrom('case_parties').selectAll().where('case_id', '=', caseId).orderBy('role').orderBy('idx').execute();
      const order: Record<string, number> = { applicant: 0, agent: 1, respondent: 2, third_party: 3 };
      return rows
        .map((r) => ({
          role: r.role as PartyRole,
          index: r.idx,
          kind: r.kind as Party['kind'],
          name: r.name,
          idNumber: open('party.idNumber', r.id_number_sealed),
          phone: open('party.phone', r.phone_sealed),
          address: open('party.address', r.address_sealed),
        }))
        .sort((a, b) => order[a.role]! - order[b.role]! || a.index - b.index);
    },

    /** The first applicant's name of each case (lists show it masked). */
    async applicantNames(scope: DbScope, caseIds: string[]): Promise<Map<string, string>> {
      if (caseIds.length === 0) return new Map();
      const rows = await scope.db.selectFrom('case_parties').select(['case_id', 'name']).where('role', '=', 'applicant').where('idx', '=', 0).where('case_id', 'in', caseIds).execute();
      return new Map(rows.map((r) => [r.case_id, r.name]));
    },

    /** The phone numbers of a case's applicants and agent, opened (notices go to them). */
    async contactPhones(scope: DbScope, caseId: string): Promise<string[]> {
      const rows = await scope.db.selectFrom('case_parties').select(['phone_sealed']).where('case_id', '=', caseId).where('role', 'in', ['applicant', 'agent']).execute();
      return rows.map((r) => open('party.phone', r.phone_sealed)).filter((p): p is string => !!p);
    },

    /**
     * Which fields the application left to be asked, read without opening it (a masked view).
     * Empty for a case without an application. A row stored before migration 0064 has no list
     * beside it: only then is the application opened, as every masked view did before (the review
     * of session 18: "—" there would read as none, and nobody would ask); one that no longer
     * opens (wiped) has none.
     */
    async deferred(scope: DbScope, caseId: string): Promise<DeferrableField[]> {
      const row = await scope.db.selectFrom('case_applications').select(['deferred_json', 'application_sealed']).where('case_id', '=', caseId).executeTakeFirst();
      if (!row) return [];
      let names: unknown = row.deferred_json ? JSON.parse(row.deferred_json) : undefined;
      if (names === undefined) {
        try {
          names = (JSON.parse(vault.open('application', row.application_sealed)) as MediationApplication).deferred ?? [];
        } catch {
          return [];
        }
      }
      return DeferredList.parse(names).filter((f): f is DeferrableField => deferrable.has(f));
    },

    async application(scope: DbScope, caseId: string): Promise<MediationApplication | null> {
      const row = await scope.db.selectFrom('case_applications').select('application_sealed').where('case_id', '=', caseId).executeTakeFirst();
      return row ? (JSON.parse(vault.open('application', row.application_sealed)) as MediationApplication) : null;
    },
  };
}
