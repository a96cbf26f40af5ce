import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { courtTime } from '../../shared/courtTime.js';
import { maskName, maskPhone } from '../../shared/masking.js';
import type { Receipt } from '../../shared/intake.js';
import { buildReceiptDocument, receiptFactsOf, type ReceiptDocument } from '../../shared/receipt.js';
import { receiptHtml } from '../../shared/receiptHtml.js';
import { qrDataUrl, qrSvg } from '../../shared/receiptQr.js';
import { CREDIT_CODE, PERSON_ID } from '../e2e/support/applications.js';
import { APPLICANT_MOBILE, fullSubmission, organisationApplication } from '../support/applicationFixtures.js';

const receipt: Receipt = {
  submissionId: '6f1c1f7e-1111-4111-8111-111111111111',
  provisionalNumber: 'KSK-6C3343-261127-0002',
  submittedAt: '2026-11-27T16:30:00.000Z',
  status: 'queued' as const,
  caseNumber: null,
};
const build = (submission = fullSubmission(), language: 'zh-CN' | 'en' = 'zh-CN'): ReceiptDocument =>
  buildReceiptDocument({ receipt, hubReachable: true, facts: receiptFactsOf(submission), language, publicHubUrl: 'https://hub.court.example/', terminalName: '城关区矛调中心 1号机' });
const row = (doc: ReceiptDocument, key: string) => doc.rows.find((r) => r.key === key)?.value;

describe('receipt document', () => {
  it('shows the ID number masked (first 6, last 4) and never in full, in the document and its HTML', () => {
    const doc = build();
    expect(row(doc, 'idNumber')).toBe('620102********0310');
    expect(row(doc, 'applicant')).toBe('王**');
    expect(row(doc, 'phone')).toBe('138****5678');
    for (const text of [JSON.stringify(doc), receiptHtml(doc)]) {
      expect(text).toContain('620102********0310');
      expect(text).not.toContain(PERSON_ID);
      expect(text).not.toContain(PERSON_ID.slice(6, 14)); // not even the birth date digits
      expect(text).not.toContain(APPLICANT_MOBILE);
      expect(text).not.toContain('王建国');
    }
  });

  it("masks an organisation's credit code and names it so", () => {
    const doc = build(fullSubmission(organisationApplication()));
    expect(doc.rows.find((r) => r.key === 'idNumber')).toEqual({ key: 'idNumber', label: '统一社会信用代码', value: `${CREDIT_CODE.slice(0, 6)}********${CREDIT_CODE.slice(-4)}` });
    expect(JSON.stringify(doc)).not.toContain(CREDIT_CODE);
    expect(row(doc, 'applicant')).toBe('兰州某某物业有限公司');
    expect(row(doc, 'phone')).toBe('093****8888');
  });

  it("links the QR code to the hub's status page for the provisional number", () => {
    const doc = build();
    expect(doc.statusUrl).toBe('https://hub.court.example/status/KSK-6C3343-261127-0002');
    const qr = QRCode.create(doc.statusUrl, { errorCorrectionLevel: 'M' });
    expect(
      qr.segments
        .map((s) => (s as unknown as { data: Uint8Array | string }).data)
        .map((d) => (typeof d === 'string' ? d : Buffer.from(d).toString()))
        .join(''),
    ).toBe(doc.statusUrl);
    const svg = qrSvg(doc.statusUrl);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
    expect(svg).not.toMatch(/<script|href=/i);
    expect(Buffer.from(qrDataUrl(doc.statusUrl).split(',')[1]!, 'base64').toString()).toBe(svg);
    expect(receiptHtml(doc)).toContain(svg);
  });

  it('gives the submission time in court time, next steps for the chosen mode, and the time limits', () => {
    const doc = build();
    expect(row(doc, 'submittedAt')).toBe('2026-11-28 00:30（北京时间）');
    expect(doc.processMode).toBe('video_now');
    const next = doc.sections.find((s) => s.key === 'next')!.lines.join('\n');
    // what check-my-case says of a received case (residentStage's nextStepOnFiling), no call within a number of days promised
    expect(next).toContain('法院收到后会决定下一步怎么办（调解或立案），并会联系您');
    expect(next).not.toMatch(/工作日|调解员会在/);
    expect(next).toContain('视频连线调解员');
    expect(doc.sections.find((s) => s.key === 'limits')!.lines.join('\n')).toMatch(/30日内结束.*/);
    expect(doc.sections.find((s) => s.key === 'ask')!.lines.join('')).toContain('12368');
    expect(doc.footer).toContain('不是法院立案通知');
    const en = build(fullSubmission(), 'en');
    expect(row(en, 'submittedAt')).toBe('2026-11-28 00:30 (Beijing time)');
    expect(row(en, 'disputeType')).toBe('Private loans');
    // Only what the resident or the court wrote stays Chinese in English: the name and the kiosk's.
    const chinese = [
      en.title,
      en.qrCaption,
      en.footer,
      ...en.sections.flatMap((s) => [s.title, ...s.lines]),
      ...en.rows.filter((r) => r.key !== 'applicant' && r.key !== 'place').flatMap((r) => [r.label, r.value]),
    ];
    expect(chinese.filter((t) => /[\u4e00-\u9fff]/.test(t))).toEqual([]);
  });

  it('has no personal rows once the facts are gone', () => {
    const bare = buildReceiptDocument({
      receipt: { ...receipt, status: 'delivered', caseNumber: 'GS0102-2026-PM-000001' },
      hubReachable: true,
      facts: null,
      language: 'zh-CN',
      publicHubUrl: 'http://127.0.0.1:8750',
      terminalName: 'T',
    });
    expect(bare.rows.map((r) => r.key)).toEqual(['caseNumber', 'submittedAt', 'status', 'place']);
    expect(row(bare, 'status')).toBe('已送达法院');
  });

  it('tells where the filing is: saved and sending, waiting for the network only when the court is out of reach, delivered at a court time', () => {
    const at = (r: Partial<Receipt>, hubReachable: boolean, language: 'zh-CN' | 'en' = 'zh-CN') =>
      buildReceiptDocument({ receipt: { ...receipt, ...r }, hubReachable, facts: null, language, publicHubUrl: 'http://127.0.0.1:8750', terminalName: 'T' });
    const saved = at({}, true);
    expect(saved.state).toBe('saved');
    expect(row(saved, 'status')).toBe('已保存在本终端，正在发送给法院');
    expect(row(saved, 'status')).not.toContain('网络');
    const offline = at({}, false);
    expect(offline.state).toBe('waiting_for_network');
    expect(row(offline, 'status')).toContain('网络恢复后会自动发送');
    expect(row(at({}, false, 'en'), 'status')).toContain('when the network returns');

    // Delivered: a court time, whatever the hub's reachability now; the case number when the ack had one.
    const numbered = at({ status: 'delivered', caseNumber: '（2026）甘0103民诉前调1号', deliveredAt: '2026-11-27T16:52:00.000Z' }, false);
    expect(numbered.state).toBe('delivered');
    expect(row(numbered, 'status')).toBe('已于 00:52 送达法院');
    expect(row(numbered, 'caseNumber')).toBe('（2026）甘0103民诉前调1号');
    expect(numbered.caseNumber).toBe('（2026）甘0103民诉前调1号');
    const unnumbered = at({ status: 'delivered', caseNumber: null, deliveredAt: '2026-11-27T06:03:00.000Z' }, true, 'en');
    expect(row(unnumbered, 'status')).toBe('Delivered to the court at 14:03');
    expect(row(unnumbered, 'caseNumber')).toContain('The court gives the case number when it registers the dispute');
    expect(unnumbered.caseNumber).toBeNull();
    expect(at({ status: 'needs_attention' }, false).state).toBe('needs_attention');
  });

  it('escapes everything in the HTML receipt', () => {
    const doc = { ...build(), rows: [{ key: 'place' as const, label: '<b>', value: '"><script>alert(1)</script>' }] };
    const html = receiptHtml(doc);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
    expect(html).toContain("default-src 'none'");
  });
});

describe('masking', () => {
  it('masks names, phones and court times', () => {
    expect(maskName('王建国')).toBe('王**');
    expect(maskName(' Li  Wei ')).toBe('L*  W**');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0931-8888888-12')).toBe('093******8812');
    expect(maskPhone('12345')).toBe('*****');
    expect(courtTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00');
    expect(courtTime('nope')).toBe('nope');
  });
});
