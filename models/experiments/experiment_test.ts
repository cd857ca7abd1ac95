import assert from "node:assert/strict";
import { newId } from "../../lib/ids.ts";
import { assignVariant, type Experiment, overridesOf, withVariant } from "./experiment.ts";
import type { Agent } from "../agents/agent.ts";

const experiment = (weights: number[]): Pick<Experiment, "id" | "variants"> => ({
  id: newId(),
  variants: weights.map((weight, i) => ({ key: "ABCDE"[i], name: `V${i}`, weight })),
});

Deno.test("the split is sticky per customer and within a few percent of its ratio over 10,000 customers", () => {
  for (const weights of [[50, 50], [70, 30], [1, 1, 2]]) {
    const e = experiment(weights);
    const customers = Array.from({ length: 10_000 }, () => newId());
    const counts = new Map<string, number>();
    for (const c of customers) {
      const v = assignVariant(e, c);
      counts.set(v.key, (counts.get(v.key) ?? 0) + 1);
      // Sticky: the same customer gets the same variant every time (no state kept).
      assert.equal(assignVariant(e, c).key, v.key);
    }
    const total = weights.reduce((a, b) => a + b, 0);
    weights.forEach((w, i) => {
      const share = (counts.get("ABCDE"[i]) ?? 0) / customers.length;
      // 3 points: over 6 standard errors of a 10,000-customer share (sd <= 0.5 points). With 2,000 customers it was
      // under 3 (sd 1.0-1.1 points), and a fair split failed now and then (70/30: 0.731).
      assert.ok(Math.abs(share - w / total) < 0.03, `${weights}: ${"ABCDE"[i]} got ${share}`);
    });
  }
});

Deno.test("another experiment splits the same customers independently", () => {
  const one = experiment([1, 1]), two = experiment([1, 1]);
  const customers = Array.from({ length: 2000 }, () => newId());
  const same = customers.filter((c) => assignVariant(one, c).key === assignVariant(two, c).key).length;
  assert.ok(Math.abs(same / customers.length - 0.5) < 0.05, `${same} of 2000 agree`);
});

Deno.test("a variant's overrides replace the agent's settings, and only those", () => {
  const agent = { prompt: "Be kind.", model: "m1", temperature: 0.3, provider: "local" } as Agent;
  const variant = { key: "B", name: "B", weight: 1, model: "m2", temperature: 1.2 };
  assert.deepEqual(withVariant(agent, variant), { ...agent, model: "m2", temperature: 1.2 });
  assert.equal(withVariant(agent, null), agent);
  assert.deepEqual(overridesOf({ ...variant, knowledgeVersionId: newId() }), { model: "m2", temperature: 1.2 });
});
