/**
 * The customer's language, from their browser and from what they write.
 *
 * Text is read by `eld` (Efficient Language Detector, n-grams of 60 languages, offline), its "small"
 * database (1.6 MB, loaded once). Chosen after measuring on `sentences_testdata.ts` (40 typical short
 * customer messages in en/fr/de/es): eld 40/40, tinyld 38/40 (39/40 only when told the four languages
 * in advance, which would hide every other language), franc-min 31/40. eld also says whether a result
 * is reliable, which is what decides here: "ok", "merci", "iPhone 15" are not evidence of anything,
 * "Mijn bestelling is niet aangekomen" is (Dutch). About 0.1 ms a message, cheap enough to run
 * before the message is stored, like the sentiment.
 *
 * A conversation starts in the browser's language (what the widget speaks, `Visitor.lang`), and
 * moves to the language of a customer's message when the detector is sure of it and it differs
 * (the latest sure message wins: someone whose browser is English but who writes French is answered
 * in French).
 *
 * @module
 */
import { eld } from "eld/small";

/** ISO 639-1: two lowercase letters. */
const ISO_639_1 = /^[a-z]{2}$/;

/**
 * The language of a customer's text when the detector is sure (ISO 639-1), else undefined. Texts
 * under two words are never evidence: a greeting or a product name says little about who writes it.
 */
export function detectLanguage(text: string): string | undefined {
  const words = text.trim().split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length < 2) return undefined;
  const result = eld.detect(text.slice(0, 1000));
  return result.language && ISO_639_1.test(result.language) && result.isReliable() ? result.language : undefined;
}

/** The language of a BCP 47 tag (`fr-CA` -> `fr`), or undefined when it does not start with ISO 639-1. */
export function languageOfTag(tag: string | undefined): string | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && ISO_639_1.test(primary) ? primary : undefined;
}

/** The language a customer's message stored in its metadata (set when it was sure), if any. */
export function messageLanguage(metadata: Record<string, unknown>): string | undefined {
  const l = metadata.language;
  return typeof l === "string" && ISO_639_1.test(l) ? l : undefined;
}

/** A language's English name (`fr` -> "French"), for prompts and the inbox; the code when unknown. */
export function languageName(code: string, inLanguage = "en"): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
