// Court case numbers the hub assigns on receipt: `${courtCode}-${year}-PM-${seq}` — PM for
// pre-litigation mediation (诉前调解), seq six digits, restarting at 000001 each year. ASCII only,
// so it prints on any receipt printer and survives any system it is copied into.
// Example: GS0102-2026-PM-000001.

export const COURT_CODE_PATTERN = /^[A-Z0-9]{2,16}$/;

export function formatCaseNumber(courtCode: string, year: number, seq: number): string {
  return `${courtCode}-${year}-PM-${String(seq).padStart(6, '0')}`;
}
