import assert from "node:assert/strict";
import { actionWords, delayWords, MAX_RULES, newDraft, parseDrafts, type RuleDraft, toDrafts } from "./rules.ts";

const rule = { afterMinutes: 30, raisePriority: true, assignToAdmin: false, emailAdmins: true };

Deno.test("stored rules become rows with the delay as text and keys that differ", () => {
  const drafts = toDrafts([rule, { ...rule, afterMinutes: 120 }]);
  assert.deepEqual(drafts.map((d) => d.afterMinutes), ["30", "120"]);
  assert.notEqual(drafts[0].key, drafts[1].key);
});

Deno.test("a new row comes an hour after the last rule, raising the priority and emailing admins", () => {
  assert.deepEqual({ ...newDraft([]), key: "" }, {
    key: "",
    afterMinutes: "60",
    raisePriority: true,
    assignToAdmin: false,
    emailAdmins: true,
  });
  assert.equal(newDraft(toDrafts([rule, { ...rule, afterMinutes: 90 }])).afterMinutes, "150");
  assert.equal(newDraft(toDrafts([{ ...rule, afterMinutes: 20160 }])).afterMinutes, "20160");
});

Deno.test("rows parse into the API's body through its schema", () => {
  const drafts = toDrafts([rule, { ...rule, afterMinutes: 240, assignToAdmin: true }]);
  drafts[0].afterMinutes = " 45 ";
  assert.deepEqual(parseDrafts(drafts), {
    ok: true,
    rules: { rules: [{ ...rule, afterMinutes: 45 }, { ...rule, afterMinutes: 240, assignToAdmin: true }] },
  });
  assert.deepEqual(parseDrafts([]), { ok: true, rules: { rules: [] } });
});

Deno.test("a delay that is not a whole number of minutes from 1 to 14 days is refused on its row", () => {
  const drafts = toDrafts([rule, rule, rule, rule]);
  [drafts[0].afterMinutes, drafts[1].afterMinutes, drafts[2].afterMinutes] = ["", "1.5", "0"];
  drafts[3].afterMinutes = "20161";
  const parsed = parseDrafts(drafts);
  assert.equal(parsed.ok, false);
  const errors = (parsed as { errors: Record<string, string> }).errors;
  assert.equal(errors[drafts[0].key], "Enter a whole number of minutes.");
  assert.equal(errors[drafts[1].key], "Enter a whole number of minutes.");
  assert.equal(errors[drafts[2].key], "Between 1 minute and 14 days (20160 minutes).");
  assert.equal(errors[drafts[3].key], "Between 1 minute and 14 days (20160 minutes).");
});

Deno.test("more rules than the schema allows are refused on the last row", () => {
  const drafts: RuleDraft[] = toDrafts(Array.from({ length: MAX_RULES + 1 }, () => rule));
  const parsed = parseDrafts(drafts);
  assert.equal(parsed.ok, false);
  assert.deepEqual(Object.keys((parsed as { errors: Record<string, string> }).errors), [drafts.at(-1)!.key]);
});

Deno.test("delays and actions read as words", () => {
  assert.equal(delayWords(45), "45 minutes");
  assert.equal(delayWords(60), "1 hour");
  assert.equal(delayWords(90), "1 hour 30 minutes");
  assert.equal(delayWords(1440 + 180), "1 day 3 hours");
  assert.equal(delayWords(20160), "14 days");
  assert.equal(actionWords(rule), "raise the priority one step, email the admins");
  assert.equal(
    actionWords({ raisePriority: false, assignToAdmin: false, emailAdmins: false }),
    "only record it in the thread",
  );
});
