import assert from "node:assert/strict";
import { pageQuery } from "./rest.ts";
import { idFromPath } from "./use_inbox.ts";

Deno.test("pageQuery sends only the filters in use, and the cursor", () => {
  assert.equal(pageQuery({ handledBy: "all", agentId: "" }), "limit=50");
  assert.equal(
    pageQuery({ handledBy: "human", agentId: "a1" }, "c9"),
    "limit=50&handledBy=human&agentId=a1&before=c9",
  );
});

Deno.test("idFromPath reads /inbox/:id and nothing else", () => {
  assert.equal(idFromPath("/inbox/65f0c0ffee00000000001a2b"), "65f0c0ffee00000000001a2b");
  assert.equal(idFromPath("/inbox/65f0c0ffee00000000001a2b/"), "65f0c0ffee00000000001a2b");
  assert.equal(idFromPath("/inbox"), null);
  assert.equal(idFromPath("/inbox/../agents"), null);
});
