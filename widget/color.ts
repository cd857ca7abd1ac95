/**
 * The brand colour as the widget may use it: a validated `#rrggbb` (anything
 * else falls back, so a stored value can never inject CSS) and a readable
 * text colour on top of it.
 *
 * @module
 */

/** Used when the configured colour is not `#rrggbb`. */
const FALLBACK_COLOR = "#4f46e5";

/** `value` when it is `#rrggbb` (or `#rgb`, expanded), else the fallback. */
export function safeColor(value: unknown): string {
  if (typeof value !== "string") return FALLBACK_COLOR;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(value);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase();
  return /^#[0-9a-f]{6}$/i.test(value) ? value.toLowerCase() : FALLBACK_COLOR;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * White or black, whichever contrasts more with `bg` (a `safeColor`). Black rather than a softer
 * near-black: with it the better of the two reaches 4.58:1 on any colour (WCAG AA for text), where
 * #0f172a stops at 4.25:1 on mid-tones.
 */
export function inkOn(bg: string): string {
  const l = luminance(bg);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? "#ffffff" : "#000000";
}

/** The WCAG contrast ratio of two `#rrggbb` colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
