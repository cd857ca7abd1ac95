import assert from "node:assert/strict";
import { ProviderError } from "../models/ports/ai_provider.ts";
import { agentList, chatAnswer, contextBlock, createdAgentId, streamItem } from "./lyzr_wire.ts";

const ev = (data: string, event = "message") => ({ event, data });

Deno.test("streamItem reads raw tokens with their spaces and escaped newlines", () => {
  assert.deepEqual(streamItem(ev(" world"), "L"), { piece: " world" });
  assert.deepEqual(streamItem(ev("line\\nnext"), "L"), { piece: "line\nnext" });
  assert.deepEqual(streamItem(ev("42"), "L"), { piece: "42" });
  assert.deepEqual(streamItem(ev(" [DONE] "), "L"), { done: true });
});

Deno.test("streamItem reads JSON payloads and skips those without text", () => {
  assert.deepEqual(streamItem(ev('{"content":"a"}'), "L"), { piece: "a" });
  assert.deepEqual(streamItem(ev('{"response":"b"}'), "L"), { piece: "b" });
  assert.deepEqual(streamItem(ev('{"delta":"c"}'), "L"), { piece: "c" });
  assert.deepEqual(streamItem(ev('{"delta":{"content":"d"}}'), "L"), { piece: "d" });
  assert.equal(streamItem(ev('{"metadata":{"tokens":3}}'), "L"), null);
  assert.deepEqual(streamItem(ev("{not json}"), "L"), { piece: "{not json}" });
});

Deno.test("streamItem turns error events and error payloads into ProviderErrors", () => {
  const kind = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return err instanceof ProviderError ? err.kind : String(err);
    }
    return "no error";
  };
  assert.equal(kind(() => streamItem(ev("boom", "error"), "L")), "server");
  assert.equal(
    kind(() => streamItem(ev('{"error":{"type":"rate_limit_error","message":"slow down"}}'), "L")),
    "rate_limited",
  );
  assert.equal(kind(() => streamItem(ev('{"error":"Invalid API key","code":"authentication_error"}'), "L")), "auth");
});

Deno.test("chatAnswer reads response, a JSON-string response, agent_response and choices", () => {
  assert.equal(chatAnswer({ response: "Hello" }), "Hello");
  assert.equal(chatAnswer({ response: '{"answer":"Inner","sources":[]}' }), "Inner");
  assert.equal(chatAnswer({ response: '"Quoted"' }), "Quoted");
  assert.equal(chatAnswer({ response: '{"unknown":1}' }), '{"unknown":1}');
  assert.equal(chatAnswer({ response: { response: "Nested" } }), "Nested");
  assert.equal(chatAnswer({ status: "success", agent_response: "Multi" }), "Multi");
  assert.equal(chatAnswer({ choices: [{ message: { content: "Compat" } }] }), "Compat");
  assert.equal(chatAnswer({ message: "Agent created." }), undefined);
  assert.equal(chatAnswer(null), undefined);
});

Deno.test("createdAgentId prefers agent_id, then _id, then id", () => {
  assert.equal(createdAgentId({ agent_id: "a", _id: "b", id: "c" }), "a");
  assert.equal(createdAgentId({ _id: "b", id: "c" }), "b");
  assert.equal(createdAgentId({ id: 12345, message: "Agent created successfully." }), "12345");
  assert.equal(createdAgentId({ message: "ok" }), undefined);
});

Deno.test("agentList accepts a bare array or a wrapped one", () => {
  assert.deepEqual(agentList([{ _id: "1" }]), [{ _id: "1" }]);
  assert.deepEqual(agentList({ agents: [1, 2] }), [1, 2]);
  assert.deepEqual(agentList({ data: [] }), []);
  assert.equal(agentList({ message: "?" }), undefined);
});

Deno.test("contextBlock takes the system prompt from the paragraph of the first [S1] on", () => {
  const passages = [{ chunkId: "c", sourceId: "s", title: "Hours", text: "9 to 5", score: 1 }];
  const system = "Be kind.\nBe brief.\n\nUse the sources below; cite [S1].\n[S1] Hours\n9 to 5";
  assert.equal(contextBlock({ system, passages }), "Use the sources below; cite [S1].\n[S1] Hours\n9 to 5");
  assert.equal(contextBlock({ system: "Be kind.\n[S1] Hours", passages }), "[S1] Hours");
  assert.equal(contextBlock({ system: "Be kind.", passages: [] }), "");
  const rebuilt = contextBlock({ system: "Be kind.", passages });
  assert.match(rebuilt, /\[S1\] Hours\n"""\n9 to 5\n"""/);
});
