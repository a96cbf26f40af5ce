import { describe, expect, it } from 'vitest';
import { loginNotes, type LoginFacts } from '../../scripts/startLogins.mjs';

// What `npm start` prints about signing in (scripts/startLogins.mjs): the generated dev passwords
// at the first start or when asked, else where they are; a password from the environment never.

const facts = (over: Partial<LoginFacts> = {}): LoginFacts => ({
  firstStart: false,
  asked: false,
  admin: { password: 'admin-secret-1', fromEnv: false, check: 'works' },
  mediator: { password: 'mediator-secret-1', fromEnv: false },
  ...over,
});
const printed = (n: ReturnType<typeof loginNotes>) => [n.admin, n.mediator, n.hint ?? ''].join('\n');

describe('npm start’s sign-in lines', () => {
  it('the first start (it created the accounts) prints the generated passwords', () => {
    const n = loginNotes(facts({ firstStart: true }));
    expect(n.admin).toBe('login: admin / admin-secret-1');
    expect(n.mediator).toBe('login: mediator / mediator-secret-1');
    expect(n.hint).toBeNull();
  });

  it('a later start prints no password, only where it is and how to ask', () => {
    const text = printed(loginNotes(facts()));
    expect(text).not.toContain('admin-secret-1');
    expect(text).not.toContain('mediator-secret-1');
    expect(text).toContain('data/dev-secrets.json');
    expect(text).toContain('npm start -- --logins');
  });

  it('a start on another data folder says where its secrets are', () => {
    const text = printed(loginNotes(facts({ secretsFile: '/tmp/walk/data/dev-secrets.json' })));
    expect(text).toContain('/tmp/walk/data/dev-secrets.json');
    expect(text).not.toContain(' data/dev-secrets.json');
  });

  it('asked with --logins, a later start prints them again', () => {
    const n = loginNotes(facts({ asked: true }));
    expect(n.admin).toBe('login: admin / admin-secret-1');
    expect(n.mediator).toBe('login: mediator / mediator-secret-1');
  });

  it('never prints a password set from the environment, first start or asked', () => {
    for (const over of [{ firstStart: true }, { asked: true }, {}]) {
      const n = loginNotes(facts({ ...over, admin: { password: 'env-admin-pw', fromEnv: true, check: 'works' }, mediator: { password: 'env-mediator-pw', fromEnv: true } }));
      expect(printed(n)).not.toMatch(/env-admin-pw|env-mediator-pw/);
      expect(n.admin).toContain('HUB_ADMIN_PASSWORD');
      expect(n.mediator).toContain('HUB_MEDIATOR_PASSWORD');
      expect(n.hint).toBeNull();
    }
  });

  it('an admin password changed in the console is not printed as if it still worked', () => {
    const text = printed(loginNotes(facts({ firstStart: true, admin: { password: 'admin-secret-1', fromEnv: false, check: 'changed' } })));
    expect(text).not.toContain('admin-secret-1');
    expect(text).toContain('changed in the console');
  });
});
