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

/** White or near-black, whichever contrasts more with `bg` (`#rrggbb`). */
export function textOn(bg: string): "#ffffff" | "#0f172a" {
  if (!isHexColor(bg)) return "#ffffff";
  const l = luminance(bg);
  const white = 1.05 / (l + 0.05);
  const dark = (l + 0.05) / (luminance("#0f172a") + 0.05);
  return white >= dark ? "#ffffff" : "#0f172a";
}
