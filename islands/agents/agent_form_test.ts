import assert from "node:assert/strict";
import { bodyOf, checkDomain, draftOf, fieldFor, newAgentFields, serverErrors, validateDraft } from "./agent_form.ts";

Deno.test("a new agent's draft takes the schema's defaults and needs only a name", () => {
  const draft = draftOf(newAgentFields());
  assert.equal(draft.provider, "local");
  assert.equal(draft.primaryColor, "#4f46e5");
  assert.deepEqual(validateDraft(draft, "create").errors, { name: "Give your agent a name." });
  const ok = validateDraft({ ...draft, name: "  Helper " }, "create");
  assert.deepEqual(ok.errors, {});
  assert.equal(ok.data?.name, "Helper");
  assert.equal(ok.data?.temperature, 0.3);
});

Deno.test("draft -> body turns the inputs' strings into numbers and nests the widget config", () => {
  const body = bodyOf({ ...draftOf(newAgentFields()), temperature: "1.2", maxTokens: "", position: "left" });
  assert.equal(body.temperature, 1.2);
  assert.ok(Number.isNaN(body.maxTokens));
  assert.equal(body.widgetConfig.position, "left");
});

Deno.test("errors on nested paths land on the input that holds the value", () => {
  const draft = { ...draftOf(newAgentFields()), name: "A", primaryColor: "blue", maxTokens: "1.5", title: " " };
  const { errors } = validateDraft(draft, "update");
  assert.equal(errors.primaryColor, "Use a hex colour like #4f46e5.");
  assert.equal(errors.maxTokens, "Enter a whole number from 16 to 32,000.");
  assert.match(errors.title ?? "", /title/);
  assert.equal(fieldFor("allowedDomains.3"), "allowedDomains");
  assert.equal(fieldFor("widgetConfig"), "primaryColor");
  assert.equal(fieldFor("nope"), null);
  assert.deepEqual(serverErrors({ "widgetConfig.subtitle": "Too long", _: "x" }), { subtitle: "Too long" });
});

Deno.test("checkDomain normalises good domains and explains bad ones", () => {
  assert.deepEqual(checkDomain(" Help.Example.COM "), { domain: "help.example.com" });
  assert.deepEqual(checkDomain("*.example.com"), { domain: "*.example.com" });
  assert.equal(checkDomain("https://example.com/x").error, "Enter a domain like example.com.");
});
