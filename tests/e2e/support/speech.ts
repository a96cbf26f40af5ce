import type { Page } from 'playwright-core';

// What the kiosk would read aloud, recorded in the page (headless Chromium has no voices to listen to).

export interface Spoken {
  text: string;
  lang: string;
}

/** An init script for kioskPage: every utterance is recorded instead of spoken. */
export function recordSpeech(): void {
  const spoken: Spoken[] = [];
  (window as unknown as { spoken: Spoken[] }).spoken = spoken;
  speechSynthesis.speak = (u: SpeechSynthesisUtterance) => void spoken.push({ text: u.text, lang: u.lang });
}

/** What the page has read aloud so far. */
export function spokenOn(page: Page): Promise<Spoken[]> {
  return page.evaluate(() => (window as unknown as { spoken: Spoken[] }).spoken);
}
