import assert from "node:assert/strict";
import { contrast, inkOn, safeColor } from "./color.ts";

Deno.test("inkOn gives text of at least 4.5:1 on every brand colour (WCAG AA), mid-tones included", () => {
  let worst = { color: "", ratio: Infinity };
  for (let i = 0; i < 4096; i++) {
    const color = safeColor(`#${i.toString(16).padStart(3, "0")}`);
    const ratio = contrast(inkOn(color), color);
    if (ratio < worst.ratio) worst = { color, ratio };
  }
  assert.ok(worst.ratio >= 4.5, `${worst.color}: ${worst.ratio.toFixed(2)}:1`);
  assert.equal(inkOn("#0d9488"), "#000000");
  assert.equal(inkOn("#4f46e5"), "#ffffff");
});
