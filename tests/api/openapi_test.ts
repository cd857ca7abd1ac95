import assert from "node:assert/strict";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { Ajv2020 } from "ajv/dist/2020.js";
import { createApp } from "../../app.ts";
import { call, makeTestDeps, signUp } from "../helpers.ts";
import { Conformance } from "../openapi_conformance.ts";

const ID = "65f1c0ffee0000000000abcd";

/** The document as a deployed instance serves it (`APP_URL` is its public address). */
async function served(env: Record<string, string> = { APP_URL: "https://help.frontdesk.test" }) {
  const t = await makeTestDeps({ env });
  const app = createApp(t.deps);
  const doc = await (await app.request("/api/openapi.json")).json();
  return { ...t, app, doc };
}

/** Every operation of the document as `[method, path, operation]`. */
// deno-lint-ignore no-explicit-any
function operations(doc: any): Array<[string, string, any]> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    // deno-lint-ignore no-explicit-any
    Object.entries(item as Record<string, any>).map(([method, op]) => [method, path, op] as [string, string, unknown])
  );
}

Deno.test("Redocly's recommended ruleset finds no error and no warning in /api/openapi.json", async () => {
  const t = await served();
  try {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: JSON.stringify(t.doc), absoluteRef: "openapi.json", config });
    const report = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    assert.deepEqual(report, []);
  } finally {
    await t.cleanup();
  }
});

Deno.test("the document's server is the configured APP_URL, and its security schemes name the session cookie", async () => {
  for (
    const [appUrl, cookie] of [["https://help.frontdesk.test", "__Host-fd_session"], ["http://localhost", "fd_session"]]
  ) {
    const t = await served({ APP_URL: appUrl });
    try {
      assert.deepEqual(t.doc.servers.map((s: { url: string }) => s.url), [`${appUrl}/api`]);
      const { session, visitorToken } = t.doc.components.securitySchemes;
      assert.deepEqual([session.type, session.in, session.name], ["apiKey", "cookie", cookie]);
      assert.deepEqual([visitorToken.type, visitorToken.scheme], ["http", "bearer"]);
      assert.ok(t.doc.info.license.name);
    } finally {
      await t.cleanup();
    }
  }
});

Deno.test("operation ids are stable, camelCase and unique; every tag is declared with a description", async () => {
  const t = await served();
  try {
    const ops = operations(t.doc);
    const ids = ops.map(([, , op]) => op.operationId);
    for (const id of ids) assert.match(id, /^[a-z][a-zA-Z0-9]*$/);
    assert.equal(new Set(ids).size, ids.length, "unique");
    // Generated clients name their methods after these: renaming one breaks them, so it is a decision.
    assert.deepEqual(ids.toSorted(), [
      "acceptInvite",
      "activateVersion",
      "addTicketMessage",
      "askAgent",
      "createAgent",
      "createApiKey",
      "createCannedResponse",
      "createCategory",
      "createExperiment",
      "createInvite",
      "createTicket",
      "createWebhook",
      "deleteAgent",
      "deleteCannedResponse",
      "deleteCategory",
      "deleteIntegration",
      "deleteProvider",
      "deleteSource",
      "deleteUser",
      "deleteWebhook",
      "downloadFile",
      "escalateTicket",
      "exportAnalyticsCsv",
      "getAgent",
      "getAnalyticsComments",
      "getAnalyticsGaps",
      "getAnalyticsPages",
      "getAnalyticsSettings",
      "getAnalyticsSummary",
      "getAnalyticsTeam",
      "getAnalyticsTimeseries",
      "getAnalyticsTopics",
      "getCannedResponse",
      "getCategory",
      "getConversation",
      "getEmbedSnippet",
      "getEscalationRules",
      "getExperimentResults",
      "getLyzrKnowledge",
      "getProfile",
      "getSentimentRule",
      "getTicket",
      "getUser",
      "getWebhook",
      "handBackConversation",
      "identifyVisitor",
      "listAgents",
      "listApiKeys",
      "listCannedResponses",
      "listCategories",
      "listConversations",
      "listEvents",
      "listExperiments",
      "listIntegrations",
      "listInvites",
      "listProviders",
      "listSlackChannels",
      "listSources",
      "listTickets",
      "listUsers",
      "listVersions",
      "listWebhookDeliveries",
      "listWebhooks",
      "login",
      "logout",
      "markConversationRead",
      "openEventStream",
      "openStaffSocket",
      "openVisitorSocket",
      "previewInvite",
      "promoteExperimentVariant",
      "rateConversation",
      "redeliverWebhook",
      "register",
      "requestPasswordReset",
      "resetPassword",
      "resolveAnalyticsGap",
      "resyncSource",
      "revokeApiKey",
      "revokeInvite",
      "rotateWebhookSecret",
      "saveAnalyticsSettings",
      "saveEscalationRules",
      "saveProvider",
      "saveSentimentRule",
      "saveSlackIntegration",
      "saveZendeskIntegration",
      "sendStaffMessage",
      "setLyzrKnowledge",
      "setTicketStatus",
      "slackEvents",
      "slackInteractions",
      "slackOAuthCallback",
      "startExperiment",
      "startWidgetSession",
      "stopExperiment",
      "takeOverConversation",
      "testIntegration",
      "testProvider",
      "testWebhook",
      "trainAgent",
      "translateConversationText",
      "updateAgent",
      "updateCannedResponse",
      "updateCategory",
      "updateProfile",
      "updateTicket",
      "updateUser",
      "updateWebhook",
      "uploadStaffFile",
      "uploadVisitorFile",
      "zendeskWebhook",
    ]);
    const declared = new Map<string, { description?: string }>(
      t.doc.tags.map((tag: { name: string; description: string }) => [tag.name, tag]),
    );
    for (const [method, path, op] of ops) {
      assert.ok(op.tags?.length, `${method} ${path} has a tag`);
      for (const tag of op.tags) assert.ok(declared.get(tag)?.description, `tag ${tag} is declared with a description`);
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("uploads, signed file URLs and both WebSockets are documented", async () => {
  const t = await served();
  try {
    const multipart = (path: string) =>
      Object.keys(t.doc.paths[path].post.requestBody.content).includes("multipart/form-data");
    assert.ok(multipart("/widget/uploads") && multipart("/conversations/uploads") && multipart("/agents/{id}/train"));
    for (const path of ["/widget/uploads", "/conversations/uploads", "/agents/{id}/train"]) {
      for (const status of ["413", "415"]) {
        assert.deepEqual(t.doc.paths[path].post.responses[status].content["application/json"].schema, {
          $ref: "#/components/schemas/Error",
        });
      }
    }
    assert.ok(t.doc.paths["/files/{workspaceId}/{id}"].get.responses["200"].content["image/png"]);
    for (const path of ["/widget/ws", "/realtime"]) {
      const socket = t.doc.paths[path].get;
      assert.ok(socket.responses["101"], `${path} answers 101`);
      assert.match(socket.description, /hello/);
      assert.match(socket.description, /realtime\/protocol\.ts/);
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("every operation taking a JSON body documents 413 and 415, and answers them with the error body", async () => {
  const t = await served({});
  try {
    const { cookie } = await signUp(t.app, { email: "ada@example.com" });
    for (const [method, path, op] of operations(t.doc)) {
      if (!op.requestBody) continue;
      assert.ok(op.responses["413"] && op.responses["415"], `${method} ${path}`);
    }
    const tooLarge = await call(t.app, "POST", "/api/tickets", {
      cookie,
      body: JSON.stringify({ x: "a".repeat(2e6) }),
    });
    assert.equal(tooLarge.status, 413);
    assert.equal((await tooLarge.json()).error.code, "payload_too_large");
    const wrongType = await call(t.app, "POST", "/api/tickets", {
      cookie,
      body: "x",
      headers: { "content-type": "text/plain" },
    });
    assert.equal(wrongType.status, 415);
    assert.equal((await wrongType.json()).error.code, "unsupported_media_type");
  } finally {
    await t.cleanup();
  }
});

Deno.test("operations that need credentials answer 401 without them, and public ones never do", async () => {
  const t = await served({});
  try {
    for (const [method, path, op] of operations(t.doc)) {
      const url = `/api${path.replace(/\{[^}]+\}/g, ID)}`;
      const json = op.requestBody?.content["application/json"];
      // `call` checks each answer against the document too.
      const res = await call(
        t.app,
        method.toUpperCase(),
        url,
        json ? { body: {} } : op.requestBody ? { form: new FormData() } : {},
      );
      await res.body?.cancel();
      if (op.security.length) assert.equal(res.status, 401, `${method} ${path} needs ${JSON.stringify(op.security)}`);
      else assert.notEqual(res.status, 401, `${method} ${path} is public`);
    }
  } finally {
    await t.cleanup();
  }
});

const TAGS_ACCEPTED = ["damage", "café-2", "refund_request", "größe", "日本語", "v2 beta", "Damage"];
const TAGS_REFUSED = ["-damage", "_x", "no!", "a/b", "ok/u"];

Deno.test("a ticket tag passes the document's pattern exactly when the server accepts it", async () => {
  const t = await served({});
  try {
    const body = t.doc.paths["/tickets"].post.requestBody.content["application/json"].schema;
    const tagSchema = body.properties.tags.items;
    assert.doesNotMatch(tagSchema.pattern, /\/[dgimsuvy]+$/, "no regex flags pasted into the pattern");
    // What a client generated from the document runs: JSON Schema 2020-12 (ECMA-262, Unicode).
    const validTag = new Ajv2020({ strict: false }).compile(tagSchema);
    const { cookie } = await signUp(t.app, { email: "ada@example.com" });
    const { agent } = await (await call(t.app, "POST", "/api/agents", { cookie, body: { name: "Bot" } })).json();
    for (const tag of [...TAGS_ACCEPTED, ...TAGS_REFUSED]) {
      const res = await call(t.app, "POST", "/api/tickets", {
        cookie,
        body: { title: "Broken", customerEmail: "c@example.com", agentId: agent.id, tags: [tag] },
      });
      await res.body?.cancel();
      const expected = TAGS_ACCEPTED.includes(tag);
      assert.equal(validTag(tag), expected, `the document on ${JSON.stringify(tag)}`);
      assert.equal(res.status, expected ? 201 : 400, `the server on ${JSON.stringify(tag)}`);
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("the conformance check refuses an undocumented status, a wrong body and an undocumented field", async () => {
  const t = await served({});
  try {
    const check = new Conformance(t.doc);
    const { cookie } = await signUp(t.app, { email: "ada@example.com" });
    const { user } = await (await call(t.app, "GET", "/api/auth/profile", { cookie })).json();
    const profile = (status: number, body: unknown, type = "application/json") =>
      check.check("GET", "/api/auth/profile", status, type, JSON.stringify(body));
    assert.deepEqual(profile(200, { user }), []);
    assert.match(profile(418, {}).join(), /status 418 is not documented/);
    assert.match(profile(200, { user: { ...user, id: 7 } }).join(), /body\/user\/id must be string/);
    assert.match(profile(200, { user: { ...user, secret: "x" } }).join(), /must NOT have additional properties/);
    assert.match(profile(200, { user }, "text/html").join(), /content type text\/html/);
    assert.match(check.check("GET", "/api/nowhere", 200, "application/json", "{}").join(), /no documented operation/);
    assert.deepEqual(
      check.check(
        "GET",
        "/api/nowhere",
        404,
        "application/json",
        await (await call(t.app, "GET", "/api/nowhere")).text(),
      ),
      [],
    );
  } finally {
    await t.cleanup();
  }
});
