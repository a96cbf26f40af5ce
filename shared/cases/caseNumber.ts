import type { CaseKind } from './lifecycle.js';

// Court case numbers as the Supreme People's Court's rules on case numbers (关于人民法院案件案号的
// 若干规定) write them: （year）court-code type-code serial 号, e.g. （2026）甘0103民诉前调1号.
// Serials run per court, year and type code, start at 1 each year and are never reused; the hub
// allocates them inside the transaction that records the event carrying the number.

/** Type codes (类型代字) this hub issues, by what opens the number. */
export const caseTypeCodes = {
  /** 民事诉前调解: a dispute diverted to pre-litigation mediation. */
  preLitigationMediation: '民诉前调',
  /** 民事特别程序: judicial confirmation of a mediation agreement (司法确认). */
  judicialConfirmation: '民特',
  /** 民事一审: a civil lawsuit filed at first instance. */
  firstInstance: '民初',
} as const;
export type CaseTypeCode = (typeof caseTypeCodes)[keyof typeof caseTypeCodes];

/** The type code a kind of case is numbered under (a dispute gets its number when diverted). */
export const typeCodeOfKind: Record<CaseKind, CaseTypeCode> = {
  dispute: caseTypeCodes.preLitigationMediation,
  confirmation: caseTypeCodes.judicialConfirmation,
  lawsuit: caseTypeCodes.firstInstance,
};

/** A court's code (法院代字): the province's one-character abbreviation and four digits, e.g. 甘0103. */
export const COURT_CODE = /^\p{Script=Han}\d{4}$/u;

/** The embedded default court: the seed article's district court in Lanzhou. */
export const defaultCourt = { name: '兰州市七里河区人民法院', nameEn: "Qilihe District People's Court, Lanzhou", code: '甘0103' } as const;

export interface CaseNumberParts {
  year: number;
  courtCode: string;
  typeCode: CaseTypeCode;
  serial: number;
}

export function formatCaseNumber(p: CaseNumberParts): string {
  if (!Number.isInteger(p.year) || p.year < 1949 || p.year > 9999) throw new RangeError(`year ${p.year}`);
  if (!Number.isInteger(p.serial) || p.serial < 1) throw new RangeError(`serial ${p.serial}`);
  if (!COURT_CODE.test(p.courtCode)) throw new RangeError(`court code ${p.courtCode}`);
  return `（${p.year}）${p.courtCode}${p.typeCode}${p.serial}号`;
}

const typeCodeAlternation = Object.values(caseTypeCodes)
  .sort((a, b) => b.length - a.length)
  .join('|');
const CASE_NUMBER = new RegExp(`^[（(]\\s*(\\d{4})\\s*[）)]\\s*(\\p{Script=Han}\\d{4})\\s*(${typeCodeAlternation})\\s*0*(\\d{1,9})\\s*号?$`, 'u');

/**
 * Reads a case number as staff or residents type it: half- or full-width parentheses, spaces, the
 * trailing 号 optional. Null if it is not one of ours.
 */
export function parseCaseNumber(raw: string): CaseNumberParts | null {
  const m = CASE_NUMBER.exec(raw.trim());
  if (!m) return null;
  const serial = Number(m[4]);
  if (serial < 1) return null;
  return { year: Number(m[1]), courtCode: m[2]!, typeCode: m[3] as CaseTypeCode, serial };
}

/** The canonical form of a typed case number, or null. */
export function normaliseCaseNumber(raw: string): string | null {
  const parts = parseCaseNumber(raw);
  return parts ? formatCaseNumber(parts) : null;
}

/**
 * The number a resident's dispute goes by now, and the pre-litigation mediation number beside it:
 * the lawsuit's (民初) once it is filed, else the judicial confirmation's (民特) once applied for,
 * else the dispute's own (民诉前调; null before diversion). The kiosk, the receipt's status page and
 * the hub's answer all read this one rule.
 */
export function residentCaseNumbers(
  dispute: { caseNumber: string | null },
  linked: { confirmation: string | null; lawsuit: string | null },
): { caseNumber: string | null; mediationCaseNumber: string | null } {
  const later = linked.lawsuit ?? linked.confirmation;
  if (later && later !== dispute.caseNumber) return { caseNumber: later, mediationCaseNumber: dispute.caseNumber };
  return { caseNumber: dispute.caseNumber, mediationCaseNumber: null };
}
