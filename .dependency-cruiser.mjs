// The lines DESIGN §3 draws between folders, checked by `npm run boundaries` (part of `npm test`).
// Paths are folder globs, so a new feature folder is covered the day it lands.
// tests/unit/boundaries.test.ts feeds each rule a deliberate violation, so a rule that stops
// matching fails a test instead of going quiet.

const electron = '^electron$|(^|/)node_modules/electron/';
// The only kiosk folders the hub's browser pages (desk, join page) may import.
const deskShared = 'renderer/(webrtc|signature)/';

/**
 * @param {string} name @param {string} comment
 * @param {import('dependency-cruiser').IFromRestriction} from @param {import('dependency-cruiser').IToRestriction} to
 * @returns {import('dependency-cruiser').IForbiddenRuleType}
 */
const rule = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });

export const forbidden = [
  rule('renderer-stays-in-renderer', 'The kiosk UI talks to the agent only through the KioskApi of shared/contract.ts.', { path: '^renderer/' }, { path: '^(main|server|preload)/' }),
  rule('shared-stays-shared', 'shared/ runs anywhere: it may import only shared/ and npm packages.', { path: '^shared/' }, { pathNot: '^shared/|(^|/)node_modules/', dependencyTypesNot: ['core'] }),
  rule('shared-no-node-builtins', 'shared/ runs in the renderer too: no node: builtins.', { path: '^shared/' }, { dependencyTypes: ['core'] }),
  rule('agent-knows-no-host', 'The agent sees its host only through main/agent/host.ts, never Electron or the browser host.', { path: '^main/agent/' }, { path: '^main/(electron|browserHost)/' }),
  rule('electron-only-in-shell', "Only main/electron/ and preload/ import 'electron' (tests may import its types).", { pathNot: '^(main/electron|preload|tests)/' }, { path: electron }),
  rule(
    'electron-types-only-in-tests',
    "Tests check the Electron shell's options through its types, never the runtime module.",
    { path: '^tests/' },
    { path: electron, dependencyTypesNot: ['type-only'] },
  ),
  rule(
    'desk-imports-only-shared-kiosk-code',
    "The mediator desk and join page share kiosk code through renderer/webrtc/ (calls) and renderer/signature/ (the pad's strokes) only.",
    { path: '^server/console-app/' },
    { path: '^renderer/', pathNot: `^${deskShared}` },
  ),
  rule(
    'desk-shared-kiosk-code-stands-alone',
    "What the desk imports from renderer/ brings no other kiosk code (the kiosk's i18n, screens) with it.",
    { path: `^${deskShared}` },
    { path: '^renderer/', pathNot: `^${deskShared}` },
  ),
  rule('hub-not-into-kiosk', 'The hub (Node) shares with the kiosk only through shared/.', { path: '^server/', pathNot: '^server/console-app/' }, { path: '^(renderer|main|preload)/' }),
  rule('desk-not-into-kiosk-node', 'The mediator desk runs in a browser: no kiosk Node code.', { path: '^server/console-app/' }, { path: '^(main|preload)/' }),
  rule(
    'preload-only-shared',
    'The sandboxed preload exposes the contract and nothing else: only preload/, shared/ and electron.',
    { path: '^preload/' },
    { pathNot: `^(preload|shared)/|${electron}` },
  ),
  rule('no-cycles', 'A cycle makes load order matter and two modules one.', {}, { circular: true }),
];

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden,
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '^(dist|data|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};
