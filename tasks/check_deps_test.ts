import assert from "node:assert/strict";
import { checkDeps, checkSource } from "./check_deps.ts";

Deno.test("check:deps refuses a handler that reaches into storage", () => {
  const v = checkSource("api/tickets.ts", `import { createSqliteStore } from "../storage/sqlite/mod.ts";`);
  assert.equal(v.length, 1);
  assert.match(v[0].reason, /api may import/);
});

Deno.test("check:deps refuses SQL outside storage and models importing upward", () => {
  assert.equal(checkSource("models/user.ts", `import { DatabaseSync } from "node:sqlite";`).length, 1);
  assert.equal(checkSource("models/user.ts", `import { createApp } from "../app.ts";`).length, 1);
  assert.equal(checkSource("lib/x.ts", `export { y } from "../models/y.ts";`).length, 1);
});

Deno.test("check:deps lets islands take types and schemas from models, nothing else", () => {
  assert.equal(checkSource("islands/Login.tsx", `import type { User } from "../models/accounts/user.ts";`).length, 0);
  assert.equal(
    checkSource("islands/Login.tsx", `import { loginSchema } from "../models/accounts/user_schemas.ts";`).length,
    0,
  );
  assert.equal(checkSource("islands/Login.tsx", `import { login } from "../models/accounts/auth.ts";`).length, 1);
  assert.equal(checkSource("widget/chat.ts", `import { x } from "../realtime/protocol.ts";`).length, 1);
  assert.equal(checkSource("widget/chat.ts", `import type { Frame } from "../realtime/protocol.ts";`).length, 0);
});

Deno.test("check:deps allows the arrows of DESIGN.md and ignores tests and npm imports", () => {
  assert.equal(
    checkSource("api/auth.ts", `import * as auth from "../models/accounts/auth.ts";\nimport { z } from "zod";`).length,
    0,
  );
  assert.equal(
    checkSource("storage/sqlite/users.ts", `import { ConflictError } from "../../lib/errors.ts";`).length,
    0,
  );
  assert.equal(
    checkSource("api/auth_test.ts", `import { createSqliteStore } from "../storage/sqlite/mod.ts";`).length,
    0,
  );
  assert.equal(checkSource("main.ts", `import { createSqliteStore } from "./storage/sqlite/mod.ts";`).length, 0);
});

Deno.test("check:deps passes on this repository", async () => {
  const violations = await checkDeps(new URL("..", import.meta.url).pathname);
  assert.deepEqual(violations, []);
});

Deno.test("check:deps refuses sockets and handlers that read the Store instead of calling a use case", () => {
  const v = checkSource("realtime/wire.ts", `const a = await deps.store.attachments.get(w, id);`);
  assert.equal(v.length, 1);
  assert.match(v[0].reason, /realtime reaches the Store only through use cases/);
  assert.equal(checkSource("api/x.ts", `await c.var.deps.store.visitors.get(w, id);`).length, 1);
  assert.equal(checkSource("routes/tickets.tsx", `deps.store.users.list(user.workspaceId),`).length, 1);
  assert.equal(checkSource("realtime/x.ts", `await this.deps.store.conversations.publicOfSeq(w, c, 1);`).length, 1);
  assert.equal(
    checkSource("realtime/x.ts", `// deps.store is not read here\nawait publicSeqOf(deps, w, c, 1);`).length,
    0,
  );
  assert.equal(checkSource("models/chat/finders.ts", `return deps.store.visitors.get(w, id);`).length, 0);
});
