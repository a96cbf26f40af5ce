import { randomUUID } from 'node:crypto';
import type { CallLinkHandlers } from '../../main/agent/call/callHandlers.js';
import type { CallHandlers } from '../../main/bridge/dispatch.js';
import { sampleIdCards } from '../../main/agent/idCard/simulatedIdCardReader.js';
import { DEFAULT_SETTINGS } from '../../shared/playlist.js';
import { DEFAULT_TERMINAL_SETTINGS } from '../../shared/terminals/heartbeat.js';
import { sampleSubmission } from './fixtures.js';

// The contract's test payloads (tests/unit/contract.test.ts): a handler answering every call, and
// one good and several bad payloads for every call, by feature.

const receipt = (id: string) => ({ submissionId: id, provisionalNumber: 'KSK-1-261127-0001', submittedAt: new Date().toISOString(), status: 'queued' as const, caseNumber: null });
export const syncStatus = { hubReachable: true, queueDepth: 0, oldestPendingAgeMs: null, lastSuccessAt: null, needsAttention: 0 };

/** A handler for every call, each answering a valid output; `overrides` replace some. */
export function handlers(overrides: Partial<CallHandlers> = {}): CallHandlers {
  return {
    'terminal.info': () => ({ terminalId: 'KSK-1', terminalName: 'T', hubUrl: 'http://127.0.0.1:1', enrolled: true, appVersion: '1', host: 'browser' }),
    'draft.load': () => null,
    'draft.save': () => null,
    'draft.discard': () => null,
    'attachment.add': (a) => ({ sha256: 'a'.repeat(64), size: 4, mimeType: a.mimeType }),
    'attachment.remove': () => null,
    'intake.submit': (s) => receipt(s.submissionId),
    'sync.status': () => syncStatus,
    'playlist.current': () => ({ version: 'v0', source: 'bundled', items: [], settings: DEFAULT_SETTINGS }),
    'play.report': () => null,
    ...callHandlers,
    ...receiptHandlers,
    ...fleetHandlers,
    ...counterHandlers,
    ...adminHandlers,
    ...agreementHandlers,
    ...referenceCaseHandlers,
    ...courtWordsHandlers,
    ...overrides,
  };
}

// The receipt and "check my case" (shared/receipt.ts, shared/caseStatus.ts).
const receiptView = {
  document: {
    language: 'zh-CN' as const,
    title: '调解申请回执',
    subtitle: 's',
    provisionalNumberLabel: '临时编号',
    provisionalNumber: 'KSK-1-261127-0001',
    rows: [{ key: 'idNumber' as const, label: '身份证号码', value: '620102********0310' }],
    statusUrl: 'http://127.0.0.1:1/status/KSK-1-261127-0001',
    qrCaption: 'c',
    sections: [{ key: 'next' as const, title: '接下来', lines: ['x'] }],
    footer: 'f',
    processMode: null,
    state: 'saved' as const,
    caseNumber: null,
  },
  qrDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+',
};
const receiptHandlers: Pick<CallHandlers, 'receipt.view' | 'receipt.print' | 'case.status'> = {
  'receipt.view': () => receiptView,
  'receipt.print': () => ({ printed: false, reason: 'no_printer' }),
  'case.status': () => ({ kind: 'not_found', checkedWithCourt: true }),
};
const receiptGood: Record<string, unknown> = {
  'receipt.view': { submissionId: randomUUID(), language: 'en' },
  'receipt.print': { submissionId: randomUUID(), auto: true },
  'case.status': { provisionalNumber: 'KSK-6C3343-261127-0001', mobile: '13812345678' },
};
const receiptBad: Record<string, unknown[]> = {
  'receipt.view': [{}, { submissionId: 'x' }, { submissionId: randomUUID(), language: 'fr' }, { submissionId: randomUUID(), document: {} }],
  'receipt.print': [
    { submissionId: randomUUID(), auto: 'yes' },
    { submissionId: randomUUID(), html: '<p>' },
  ],
  'case.status': [
    {},
    { provisionalNumber: 'KSK-6C3343-261127-0001' },
    { provisionalNumber: 'KSK-6C3343-261127-0001', mobile: '12345' },
    { provisionalNumber: '<script>', mobile: '13812345678' },
    { provisionalNumber: 'KSK', mobile: '13812345678' },
    { provisionalNumber: 'KSK-6C3343-261127-0001', mobile: '13812345678', terminalId: 'KSK-1' },
  ],
};

// The remote service counter (shared/counter/).
const counterState = { enabled: true, reader: true, staff: { username: 'counter.xiyuan', displayName: '西园', siteName: '西园街道' } };
const counterHandlers: Pick<CallHandlers, 'counter.state' | 'counter.signIn' | 'counter.signOut' | 'counter.submit' | 'idCard.read'> = {
  'counter.state': () => counterState,
  'counter.signIn': () => counterState,
  'counter.signOut': () => ({ ...counterState, staff: null }),
  'counter.submit': (s) => receipt(s.submissionId),
  'idCard.read': () => sampleIdCards[0]!,
};
const counterGood: Record<string, unknown> = {
  'counter.state': undefined,
  'counter.signIn': { username: 'counter.xiyuan', password: 'pw' },
  'counter.signOut': undefined,
  'counter.submit': sampleSubmission(),
  'idCard.read': undefined,
};
const counterBad: Record<string, unknown[]> = {
  'counter.state': [{}],
  'counter.signIn': [{}, { username: '', password: 'pw' }, { username: 'a', password: '' }, { username: 'a', password: 'pw', signInId: randomUUID() }],
  'counter.signOut': ['x'],
  'counter.submit': [{}, { ...sampleSubmission(), counterEntry: { signInId: randomUUID(), staffUsername: 'someone' } }, sampleSubmission({ mobile: '12345' })],
  'idCard.read': [{ target: 'applicant' }],
};

// The resident's agreement at the kiosk (shared/agreements/kioskSigning.ts).
const agreementHandlers: Pick<CallHandlers, 'agreement.read' | 'agreement.sign'> = {
  'agreement.read': () => ({ kind: 'none' }),
  'agreement.sign': () => ({ signatureId: randomUUID(), queuedAt: new Date().toISOString() }),
};
const signature = { provisionalNumber: 'KSK-6C3343-261127-0001', mobile: '13812345678', documentId: 'doc-1', pngDataUrl: 'data:image/png;base64,iVBORw0KGgoAAAAA' };
const agreementGood: Record<string, unknown> = { 'agreement.read': { provisionalNumber: 'KSK-6C3343-261127-0001', mobile: '13812345678' }, 'agreement.sign': signature };
const agreementBad: Record<string, unknown[]> = {
  'agreement.read': [{}, { provisionalNumber: 'KSK-6C3343-261127-0001', mobile: '12345' }, { provisionalNumber: '<script>', mobile: '13812345678' }],
  'agreement.sign': [
    {},
    { ...signature, pngDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+' },
    { ...signature, pngDataUrl: `data:image/png;base64,${'A'.repeat(200_001)}` },
    { ...signature, documentId: '' },
    { ...signature, mobile: '12345' },
    { ...signature, signer: { role: 'respondent', index: 0 } },
  ],
};

// The court's reference cases for check-my-case (shared/referenceCases/).
const referenceCaseHandlers: Pick<CallHandlers, 'referenceCases.forDispute'> = {
  'referenceCases.forDispute': () => ({ referenceCases: [], offline: true }),
};
const referenceCaseGood: Record<string, unknown> = { 'referenceCases.forDispute': { disputeType: 'neighbour' } };
const referenceCaseBad: Record<string, unknown[]> = { 'referenceCases.forDispute': [{}, { disputeType: 'duel' }, { disputeType: 'family', all: true }, 'family'] };

// The court's own words for the pinyin keyboard (shared/courtWords.ts): read-only, no input.
const courtWordsHandlers: Pick<CallHandlers, 'courtWords.current'> = {
  'courtWords.current': () => ({ version: 'v1', countedAt: '2026-12-07T01:00:00Z', filings: { all: 5 }, words: { all: [['欠条', 5]] } }),
};
const courtWordsGood: Record<string, unknown> = { 'courtWords.current': undefined };
const courtWordsBad: Record<string, unknown[]> = { 'courtWords.current': [{}, 'all'] };

// Video link calls (shared/call.ts).
const callId = randomUUID();
const callHandlers: CallLinkHandlers = {
  'call.request': () => ({ callId, state: 'queued', position: 1, estimatedWaitS: 30 }),
  'call.join': () => ({ joined: false, reason: 'badCode' }),
  'call.cancel': () => null,
  'call.hangup': () => null,
  'call.signal': () => null,
  'call.rejoin': () => null,
  'call.current': () => null,
  'call.sfu': (step) => ({ t: 'sfu.reply', ref: step.ref, producerId: 'producer-1' }),
  'call.recording': () => null,
  'call.media': () => null,
  'call.camera': () => null,
  'call.recordAnswer': () => null,
  'call.pendingRecord': () => ({ callId, version: 1 }),
  'call.unlockRecord': () => ({ unlocked: true, record: { callId, version: 1, text: '审判员：现在开庭。' } }),
};
const offer = { type: 'offer', sdp: 'v=0\r\n' };
const candidate = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
const callGood: Record<string, unknown> = {
  'call.request': { language: 'zh-CN', submissionId: randomUUID() },
  'call.join': { code: ' 012345 ', name: '李四', idLast4: '123X', language: 'en' },
  'call.cancel': { callId },
  'call.hangup': { callId },
  'call.signal': { callId, peerId: 'peer-abcdefgh', description: offer },
  'call.rejoin': { callId },
  'call.current': undefined,
  'call.sfu': { t: 'sfu.transport.create', ref: 0, callId, direction: 'send' },
  'call.recording': { callId, step: 'refuse' },
  'call.media': { callId, peers: [{ peerId: 'peer-abcdefgh', media: 'stalled' }] },
  'call.camera': { callId, off: true },
  'call.recordAnswer': { callId, version: 2, answer: 'sign', imagePngBase64: 'iVBORw0KGgoAAAAA' },
  'call.pendingRecord': undefined,
  'call.unlockRecord': { callId, name: '李四', idLast4: '123x' },
};
const callBad: Record<string, unknown[]> = {
  'call.request': [{}, { language: 'fr' }, { language: 'en', submissionId: 'x' }, { language: 'en', terminalCredential: 'x' }],
  'call.join': [
    {},
    { code: '123456', language: 'en' },
    { code: '123456', name: '李四', idLast4: '12345', language: 'en' },
    { code: '12345', name: '李四', idLast4: '1234', language: 'en' },
    { code: '1234567', language: 'zh-CN' },
    { code: 'abcdef', language: 'en' },
    { code: '123456' },
    { code: '123456', language: 'en', callId },
  ],
  'call.cancel': [{}, { callId: 'nope' }],
  'call.hangup': [{ callId: 1 }],
  'call.signal': [
    { callId, peerId: 'peer-abcdefgh' },
    { callId, peerId: 'peer-abcdefgh', description: offer, candidate },
    { callId, peerId: 'bad id!', candidate },
    { callId, peerId: 'peer-abcdefgh', description: { type: 'bogus', sdp: '' } },
    { callId, peerId: 'peer-abcdefgh', description: { type: 'offer', sdp: 'x'.repeat(60_001) } },
  ],
  'call.rejoin': [null],
  'call.current': [{}],
  'call.pendingRecord': [{ callId }],
  'call.unlockRecord': [{ callId }, { callId, name: '李四', idLast4: '12345' }, { callId, name: '', idLast4: '1234' }, { callId: 'nope', name: '李四', idLast4: '1234' }],
  'call.recording': [{ callId, step: 'ask' }, { callId }, { callId: 'nope', step: 'consent' }],
  'call.media': [
    { callId },
    { callId, peers: [{ peerId: 'peer-abcdefgh', media: 'frozen' }] },
    { callId, peers: [{ peerId: 'bad id!', media: 'ok' }] },
    { callId, peers: Array.from({ length: 17 }, (_, i) => ({ peerId: `peer-${i}xxxxxxx`, media: 'ok' })) },
  ],
  'call.camera': [{ callId }, { callId, off: 'yes' }, { callId: 'nope', off: true }, { callId, off: true, peerId: 'peer-abcdefgh' }],
  'call.recordAnswer': [
    { callId, version: 2, answer: 'sign' },
    { callId, version: 0, answer: 'refuse' },
    { callId, version: 2, answer: 'refuse', imagePngBase64: 'iVBORw0KGgoAAAAA' },
    { callId, version: 2, answer: 'sign', imagePngBase64: 'not base64!' },
  ],
  'call.sfu': [
    {},
    { t: 'sfu.transport.create', ref: 0, callId, direction: 'sideways' },
    { t: 'sfu.produce', ref: 0, callId, transportId: 't1', kind: 'screen', rtpParameters: { codecs: [] } },
    { t: 'sfu.tile', ref: 0, callId, consumerId: 'c1', width: 100_000, height: 1 },
    { t: 'sfu.transport.connect', ref: 0, callId, transportId: 't1', dtlsParameters: { fingerprints: [] } },
    { t: 'sfu.capabilities', ref: 0, callId: 'not-a-uuid' },
  ],
};

// Legal-education loop (shared/playlist.ts).
const play = { playId: randomUUID(), itemId: 'item-1', sha256: 'ef'.repeat(32), startedAt: '2026-03-02T01:00:00.000Z', endedAt: '2026-03-02T01:00:08.000Z', outcome: 'completed', reason: null };
const playGood: Record<string, unknown> = { 'playlist.current': undefined, 'play.report': play };
const playBad: Record<string, unknown[]> = {
  'playlist.current': [{}, 'x'],
  'play.report': [
    {},
    { ...play, outcome: 'skipped' },
    { ...play, reason: 'error' },
    { ...play, playId: 'p1' },
    { ...play, itemId: '../x' },
    { ...play, endedAt: '2026-03-02T00:00:00.000Z' },
    { ...play, terminalId: 'KSK-1' },
  ],
};

// The fleet (shared/terminals/heartbeat.ts): pushed settings, and the screen's report for the heartbeat.
const fleetHandlers: Pick<CallHandlers, 'terminal.settings' | 'terminal.presence' | 'terminal.crash' | 'terminal.askStaff' | 'terminal.helpState'> = {
  'terminal.settings': () => ({ version: 0, settings: DEFAULT_TERMINAL_SETTINGS }),
  'terminal.presence': () => null,
  'terminal.crash': () => null,
  'terminal.askStaff': () => ({ requestId: 'c0ffee00-0000-4000-8000-000000000001', delivery: 'sending' }),
  'terminal.helpState': ({ requestId }) => ({ requestId, delivery: 'told' }),
};
const fleetGood: Record<string, unknown> = {
  'terminal.settings': undefined,
  'terminal.presence': { screen: 'intake', camera: 'denied', microphone: 'missing' },
  'terminal.crash': { message: 'TypeError: x is undefined', stack: 'TypeError\n    at Review (index.js:1:2)', screen: 'intake' },
  'terminal.askStaff': { reason: 'rareCharacter', screen: 'intake' },
  'terminal.helpState': { requestId: 'c0ffee00-0000-4000-8000-000000000001' },
};
const fleetBad: Record<string, unknown[]> = {
  'terminal.settings': [{ version: 1 }],
  'terminal.presence': [{}, { screen: 'intake', camera: 'ok', microphone: 'broken' }, { screen: 'intake', camera: 'ok', microphone: 'ok', residentName: '张三' }],
  'terminal.crash': [
    {},
    { message: 'x', stack: '', screen: 'somewhere' },
    { message: 'x'.repeat(501), stack: '', screen: 'intake' },
    { message: 'x', stack: '', screen: 'intake', form: { name: '张三' } },
  ],
  // Nothing about the resident rides along with a help request.
  'terminal.askStaff': [{}, { reason: 'urgent', screen: 'intake' }, { reason: 'general', screen: 'intake', name: '张三' }],
  'terminal.helpState': [{}, { requestId: '../../etc' }],
};

// The kiosk's staff panel (shared/kioskAdmin.ts).
const adminHandlers: Pick<CallHandlers, 'admin.unlock' | 'admin.panel' | 'admin.act'> = {
  'admin.unlock': () => ({ unlocked: false, reason: 'wait', retryAfterS: 30 }),
  'admin.panel': () => null,
  'admin.act': () => ({ done: false, notice: 'notAvailable' }),
};
const adminGood: Record<string, unknown> = { 'admin.unlock': { pin: '123456' }, 'admin.panel': undefined, 'admin.act': { action: 'testPrint' } };
const adminBad: Record<string, unknown[]> = {
  'admin.unlock': [{}, { pin: 123456 }, { pin: '1'.repeat(17) }, { pin: '123456', extra: 1 }],
  'admin.panel': [{ pin: '123456' }],
  'admin.act': [{}, { action: 'format disk' }, { action: 'resync', pin: '1' }],
};

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64');
export const sha = 'ab'.repeat(32);

/** One good and several bad payloads for every call in the contract. */
export const goodInputs: Record<string, unknown> = {
  'terminal.info': undefined,
  'draft.load': undefined,
  'draft.save': { submissionId: randomUUID(), language: 'en', step: 'applicantIdentity', elderly: true, form: { applicant: { kind: 'person', name: 'A' }, claims: ['还钱'] } },
  'draft.discard': undefined,
  'attachment.add': { submissionId: randomUUID(), mimeType: 'image/png', dataBase64: png },
  'attachment.remove': { submissionId: randomUUID(), sha256: sha },
  'intake.submit': { ...sampleSubmission(), attachments: [{ sha256: sha, label: '借条' }, { sha256: 'cd'.repeat(32) }] },
  'sync.status': undefined,
  ...callGood,
  ...playGood,
  ...receiptGood,
  ...fleetGood,
  ...counterGood,
  ...adminGood,
  ...agreementGood,
  ...referenceCaseGood,
  ...courtWordsGood,
};
export const badInputs: Record<string, unknown[]> = {
  'terminal.info': [{ x: 1 }, 'x', 0],
  'draft.load': [{}, null],
  'draft.save': [
    {},
    { submissionId: 'nope', language: 'en', step: 'form', form: {} },
    { submissionId: randomUUID(), language: 'en', step: 'form', form: { applicantName: 'old slice field' } },
    { ...(goodInputs['draft.save'] as object), extra: 1 },
  ],
  'draft.discard': [1],
  'attachment.add': [
    {},
    { submissionId: randomUUID(), mimeType: 'image/gif', dataBase64: png },
    { submissionId: randomUUID(), mimeType: 'text/html', dataBase64: png },
    { submissionId: 'draft-1', mimeType: 'image/png', dataBase64: png },
    { submissionId: randomUUID(), mimeType: 'image/png', dataBase64: 'not base64!' },
    { submissionId: randomUUID(), mimeType: 'image/png', dataBase64: '' },
    { submissionId: randomUUID(), mimeType: 'image/png', dataBase64: png, name: 'x.png' },
  ],
  'attachment.remove': [{}, { submissionId: randomUUID(), sha256: 'AB'.repeat(32) }, { submissionId: randomUUID(), sha256: sha.slice(1) }],
  'intake.submit': [
    { ...sampleSubmission(), attachments: [{ sha256: sha }, { sha256: sha }] },
    { ...sampleSubmission(), attachments: Array.from({ length: 21 }, (_, i) => ({ sha256: i.toString(16).padStart(64, '0') })) },
    { ...sampleSubmission(), attachments: [{ sha256: sha, label: 'x'.repeat(101) }] },
    { ...sampleSubmission(), attachments: [{ sha256: sha, label: '   ' }] },
    { ...sampleSubmission(), attachments: [{ sha256: sha, mimeType: 'image/png' }] },
    { ...sampleSubmission(), attachments: {} },
    {},
    { ...sampleSubmission(), submissionId: 'not-a-uuid' },
    { ...sampleSubmission(), language: 'fr' },
    sampleSubmission({ mobile: '12345' }),
    sampleSubmission({ name: '   ' }),
    { ...sampleSubmission(), application: { ...sampleSubmission().application, disputeType: 'piracy' } },
    { ...sampleSubmission(), application: { ...sampleSubmission().application, sneaky: true } },
    { ...sampleSubmission(), form: { applicantName: '张秀兰', mobile: '13912345678', disputeType: 'neighbour', description: '第一版的摘要' } },
    { submissionId: randomUUID(), language: 'zh-CN', form: { applicantName: '张秀兰', mobile: '13912345678', disputeType: 'neighbour', description: '第一版的摘要' } },
  ],
  'sync.status': [[]],
  ...callBad,
  ...playBad,
  ...receiptBad,
  ...fleetBad,
  ...counterBad,
  ...adminBad,
  ...agreementBad,
  ...referenceCaseBad,
  ...courtWordsBad,
};
