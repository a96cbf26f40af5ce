import { z } from 'zod';
import { HUB_API } from '../hubProtocol.js';
import { screenStates } from './heartbeat.js';

// A kiosk's crash report (issue 14 item 10): when the renderer or the agent fails, the kiosk
// writes down what failed — the error's message and stack, the versions, which screen was shown —
// and the agent sends it to the hub, which shows it on the terminal's page. Never a name, a
// number, a form's contents: the text of an error can echo input (a JSON parse error quotes the
// bad value, a property error names the key), so every free text goes through `scrubCrashText`
// here, once, before it is stored on the kiosk and again when the hub receives it.

export const crashReportPath = `${HUB_API}/terminals/crash-reports`;

export const crashSources = ['renderer', 'agent'] as const;
export const MAX_CRASH_MESSAGE = 500;
export const MAX_CRASH_STACK = 4_000;
/** The hub keeps this many reports per terminal (the newest). */
export const CRASH_REPORTS_KEPT = 20;

const Version = z.string().trim().min(1).max(40);

export const CrashReport = z.strictObject({
  /** The kiosk's own id for this report (a resend replaces, never doubles). */
  reportId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  source: z.enum(crashSources),
  at: z.iso.datetime({ offset: true }),
  message: z.string().max(MAX_CRASH_MESSAGE),
  stack: z.string().max(MAX_CRASH_STACK),
  versions: z.strictObject({ app: Version, node: Version.nullable(), chrome: Version.nullable(), electron: Version.nullable() }),
  /** The screen shown when it failed (its kind, never its contents). */
  screen: z.enum(screenStates),
});
export type CrashReport = z.infer<typeof CrashReport>;

/** A crash report as the hub shows it. */
export const CrashReportView = CrashReport.omit({ reportId: true }).extend({ receivedAt: z.string() });
export type CrashReportView = z.infer<typeof CrashReportView>;

/** A terminal's crash reports, newest first (the court route `terminalCrashReports`, an audited view). */
export const CrashReportList = z.object({ terminalId: z.string(), reports: z.array(CrashReportView) });
export type CrashReportList = z.infer<typeof CrashReportList>;

/**
 * What the kiosk's screen tells its agent when it fails (the error boundary, an uncaught error):
 * the agent adds the versions and the time, scrubs, and queues it. The screen cuts its texts to
 * these lengths first (`rendererCrashOf`), so a long error is shortened, never refused.
 */
export const RendererCrash = z.strictObject({
  message: z.string().max(MAX_CRASH_MESSAGE),
  stack: z.string().max(MAX_CRASH_STACK),
  screen: z.enum(screenStates),
});
export type RendererCrash = z.infer<typeof RendererCrash>;

/** A thrown value as the screen reports it, cut to the lengths the agent takes. */
export function rendererCrashOf(error: unknown, screen: RendererCrash['screen']): RendererCrash {
  const e = error instanceof Error ? error : new Error(typeof error === 'string' ? error : 'a value that is not an Error was thrown');
  return { message: `${e.name}: ${e.message}`.slice(0, MAX_CRASH_MESSAGE), stack: (e.stack ?? '').slice(0, MAX_CRASH_STACK), screen };
}

/** The first lines of a stack, for a tile that has room for a few. */
export function shortStack(stack: string, lines = 4): string {
  return stack.split('\n').slice(0, lines).join('\n');
}

// What could be a person in a line of error text: anything quoted (values echoed from input),
// runs of Chinese characters (our own messages are English; a Chinese run is a name, an address,
// a dispute's words), runs of six or more digits (ID and phone numbers; a minified bundle's long
// column numbers go too), e-mail addresses. Replaced, not
// removed, so the line still reads as an error of that shape.
const QUOTED = /(["'`“‘「])(?:(?!\1)[^\n]){1,200}?(["'`”’」])/g;
const HAN = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]+/gu;
const DIGITS = /\d[\d\s-]{4,}[\dXx]/g;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;

/** Removes what could identify a resident from an error's message or stack, and bounds its length. */
export function scrubCrashText(text: string, max: number): string {
  return text
    .replace(EMAIL, '<email>')
    .replace(QUOTED, (_m, open: string, close: string) => `${open}…${close}`)
    .replace(HAN, '<text>')
    .replace(DIGITS, '<number>')
    .slice(0, max);
}

/** A report with every free text scrubbed (applied on the kiosk before storing, and by the hub on receipt). */
export function scrubCrashReport(report: CrashReport): CrashReport {
  return { ...report, message: scrubCrashText(report.message, MAX_CRASH_MESSAGE), stack: scrubCrashText(report.stack, MAX_CRASH_STACK) };
}
