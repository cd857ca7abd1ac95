import assert from "node:assert/strict";
import { mergeExtras, PROVIDER_FORMS } from "./provider_fields.ts";

Deno.test("mergeExtras replaces the form's extras, drops emptied ones and keeps settings the form doesn't show", () => {
  const fields = PROVIDER_FORMS.lyzr.extras;
  const out = mergeExtras({ providerId: "OpenAI", credentialId: "old", other: "kept" }, fields, {
    providerId: " Anthropic ",
    credentialId: "",
  });
  assert.deepEqual(out, { providerId: "Anthropic", other: "kept" });
});
