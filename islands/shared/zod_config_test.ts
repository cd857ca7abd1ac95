import assert from "node:assert/strict";
import { z } from "zod";
import { BROWSER_ZOD_CONFIG } from "./zod_config.ts";

Deno.test("the islands' zod settings are the ones zod reads: jitless, so no eval probe under the CSP", () => {
  assert.equal(BROWSER_ZOD_CONFIG.jitless, true);
  assert.equal(z.config().jitless, true);
});
