import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { call, makeTestDeps, signUp } from "../../tests/helpers.ts";
import type { Agent } from "../agents/agent.ts";
import type { AiProvider } from "../ports/ai_provider.ts";
import { answer, type AnswerResult, saysUnsure } from "./answer.ts";
import type { Passage } from "../ports/ai_provider.ts";

Deno.test("an answer that says it found nothing hands off, whatever confidence its provider gives it", async () => {
  const ctx = await makeTestDeps();
  try {
    const app = createApp(ctx.deps);
    const admin = await signUp(app, { email: "unsure@a.test" });
    const { agent: made } = await (await call(app, "POST", "/api/agents", {
      cookie: admin.cookie,
      body: { name: "Bot" },
    })).json();
    const agent = (await ctx.deps.store.agents.get(admin.user.workspaceId, made.id)) as Agent;
    // A responder whose words and score disagree: the built-in one judged its words without the question's
    // word weights and its score with them, and said "I couldn't find anything" at confidence 0.47.
    const unsure: AiProvider = {
      id: "local",
      async *stream() {
        yield "I couldn't find anything about that in our help content. Would you like me to connect you with a person?";
      },
      confidence: () => 0.9,
      testConnection: () => Promise.resolve({ detail: "stub" }),
    };
    ctx.deps.ai.create = () => unsure;
    let done: AnswerResult | undefined;
    for await (
      const e of answer(ctx.deps, { agent, question: "do you repair headphones?", sessionId: "s", userId: "u" })
    ) {
      if (e.type === "done") done = e.result;
    }
    assert.equal(done?.handoff, "low_confidence", JSON.stringify(done));
    assert.ok(done!.confidence <= 0.2, String(done!.confidence));
  } finally {
    await ctx.cleanup();
  }
});

Deno.test("help content quoted word for word is not a hedge, even when it says something is not covered", () => {
  const warranty: Passage = {
    chunkId: "c1",
    sourceId: "s1",
    title: "Warranty",
    text: "All electronics come with a two-year warranty covering manufacturing defects. Accidental damage and " +
      "water damage are not covered.",
    score: 1,
  };
  // The built-in responder quotes the page: an answer (was capped at 0.2 and handed off, "not covered" read as doubt).
  assert.equal(saysUnsure("Accidental damage and water damage are not covered.", [warranty]), false);
  assert.equal(
    saysUnsure("- All electronics come with a two-year warranty covering manufacturing defects.", [warranty]),
    false,
  );
  // The responder's own words still hedge.
  assert.equal(saysUnsure("I couldn't find anything about that in our help content.", [warranty]), true);
  assert.equal(saysUnsure("Screens are not covered, I think.", [warranty]), true);
});
