// The minimum strength of a staff password, checked wherever one is set (an admin creating or
// resetting an account, a staff member changing theirs). Returns an i18n key or null. Long
// passphrases pass on length alone; shorter ones need three kinds of character. A few passwords
// every attacker tries first, and anything containing the username, are refused.

export const PASSWORD_MIN_LENGTH = 12;
const PASSPHRASE_LENGTH = 16;
export const PASSWORD_MAX_LENGTH = 200;

const common = ['password', 'passw0rd', 'qwerty', '123456', '12345678', 'admin', 'letmein', 'welcome', 'iloveyou', 'abc123', 'court', 'fayuan', 'woaini', '88888888', 'a1b2c3'];

export type PasswordProblem = 'errors.password.tooShort' | 'errors.password.tooLong' | 'errors.password.tooSimple' | 'errors.password.common' | 'errors.password.containsUsername';

export function checkPasswordStrength(password: string, username = ''): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'errors.password.tooShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'errors.password.tooLong';
  const lower = password.toLowerCase();
  if (username.length >= 3 && lower.includes(username.toLowerCase())) return 'errors.password.containsUsername';
  const stripped = lower.replace(/[^a-z0-9]/g, '');
  if (common.some((c) => stripped === c || (stripped.length <= c.length + 4 && stripped.includes(c)))) return 'errors.password.common';
  if (new Set(password).size < 5) return 'errors.password.tooSimple';
  if (password.length >= PASSPHRASE_LENGTH) return null;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  return kinds >= 3 ? null : 'errors.password.tooSimple';
}
