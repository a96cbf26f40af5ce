import type { Language } from '../../shared/intake.js';

// Reads questions and errors aloud with the Web Speech API, in the resident's language. Chinese
// kiosks ship a Chinese voice; where no voice for the language exists the browser's default is
// asked with the language tag, and where there is no speech at all this does nothing.

const voiceLang: Record<Language, string> = { 'zh-CN': 'zh-CN', en: 'en-GB' };

function synth(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
}

function voiceFor(speech: SpeechSynthesis, language: Language): SpeechSynthesisVoice | null {
  const wanted = voiceLang[language].toLowerCase();
  const base = wanted.split('-')[0]!;
  const voices = speech.getVoices();
  return voices.find((v) => v.lang.toLowerCase() === wanted) ?? voices.find((v) => v.lang.toLowerCase().startsWith(base)) ?? null;
}

/** Speaks `texts` in order, interrupting whatever was being read. Slower than default for older listeners. */
export function readAloud(texts: readonly string[], language: Language, elderly = false): void {
  const speech = synth();
  if (!speech) return;
  speech.cancel();
  const voice = voiceFor(speech, language);
  for (const text of texts) {
    const clean = text.trim();
    if (!clean) continue;
    const utterance = new SpeechSynthesisUtterance(clean);
    utterance.lang = voiceLang[language];
    if (voice) utterance.voice = voice;
    utterance.rate = elderly ? 0.8 : 0.95;
    speech.speak(utterance);
  }
}

/** Stops reading (a new screen, a reset: nothing of the last resident may still be spoken). */
export function stopReading(): void {
  synth()?.cancel();
}
