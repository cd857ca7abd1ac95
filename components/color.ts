/**
 * Colour helpers for the widget preview: validate a hex colour and pick a
 * readable text colour on top of it.
 *
 * @module
 */

/** True for `#rrggbb`. */
export function isHexColor(value: string): boolean {
  return /^#[0-9a-fA-F]{6}$/.test(value);
}

/** Relative luminance (WCAG) of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * White or black, whichever contrasts more with `bg` (`#rrggbb`), like the widget: the better of the two
 * reaches 4.58:1 on any colour (a softer near-black stops at 4.25:1 on mid-tones).
 */
export function textOn(bg: string): "#ffffff" | "#000000" {
  if (!isHexColor(bg)) return "#ffffff";
  const l = luminance(bg);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? "#ffffff" : "#000000";
}
