/**
 * The characters `String.prototype.trim` strips, by code point, for the adapters' own "is this text blank?": SQLite's
 * `trim()` strips spaces only, and `\S` on a MongoDB server is ASCII's (PCRE without Unicode properties). One list, so
 * that both stores read a visitor's message of line breaks or no-break spaces as blank, as JavaScript does
 * (`storage/blanks_test.ts` checks it against `trim` itself).
 *
 * @module
 */

/** What `String.prototype.trim` strips. */
export const BLANK_CODE_POINTS: readonly number[] = [
  9,
  10,
  11,
  12,
  13,
  32,
  160,
  5760,
  8192,
  8193,
  8194,
  8195,
  8196,
  8197,
  8198,
  8199,
  8200,
  8201,
  8202,
  8232,
  8233,
  8239,
  8287,
  12288,
  65279,
];

/** SQLite's `trim(text, …)` characters: `char(9, 10, …)`. */
export const SQLITE_BLANKS = `char(${BLANK_CODE_POINTS.join(", ")})`;

/** A regular-expression class of one character that is not blank (literal characters: PCRE has no `\u`). */
export const NOT_BLANK = `[^${BLANK_CODE_POINTS.map((c) => String.fromCodePoint(c)).join("")}]`;
