// What `npm start` (scripts/start.mjs) says about signing in. The passwords it generated into
// data/dev-secrets.json are printed only when this start created the accounts with them (the
// hub's data folder was new: the first start) or when asked (`npm start -- --logins`); otherwise
// the line says where they are. A password given in the environment (HUB_ADMIN_PASSWORD,
// HUB_MEDIATOR_PASSWORD) is the operator's own: it is never printed.

export const LOGINS_FLAG = '--logins';

/** The admin and mediator sign-in notes, and a hint how to see hidden ones (null when none is hidden); types in ./startLogins.d.mts. */
export function loginNotes(o) {
  const show = o.firstStart || o.asked;
  const secrets = o.secretsFile ?? 'data/dev-secrets.json';
  const kept = `its password is in ${secrets}`;
  let admin;
  if (o.admin.fromEnv) admin = 'login: admin / the password in HUB_ADMIN_PASSWORD';
  else if (o.admin.check === 'changed') admin = `login: admin — its password was changed in the console; the one in ${secrets} no longer signs in`;
  else if (o.admin.check === 'unknown') admin = `login: admin — could not check its password; see ${secrets}`;
  else admin = show ? `login: admin / ${o.admin.password}` : `login: admin — ${kept}`;
  let mediator;
  if (o.mediator.fromEnv) mediator = 'login: mediator / the password in HUB_MEDIATOR_PASSWORD';
  else mediator = show ? `login: mediator / ${o.mediator.password}` : `login: mediator — ${kept}`;
  const hidden = !show && (!o.mediator.fromEnv || (!o.admin.fromEnv && o.admin.check === 'works'));
  return { admin, mediator, hint: hidden ? `start: \`npm start -- ${LOGINS_FLAG}\` prints the sign-in details again` : null };
}
