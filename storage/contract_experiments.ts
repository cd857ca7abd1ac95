/**
 * The Store contract, experiments part: experiments scoped per workspace, one running per agent (the adapter
 * refuses a second with `experiment_running`), updates read back; a conversation's variant recorded once and
 * listed per experiment and per conversation. Registered by `storeContract` in `contract.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ConflictError } from "../lib/errors.ts";
import { newId } from "../lib/ids.ts";
import type { Experiment } from "../models/experiments/experiment.ts";
import type { Store } from "../models/ports/store.ts";
import { contractTest, T0, twoWorkspaces } from "./contract_accounts.ts";
import { conversationIn } from "./contract_conversations.ts";
import { agent } from "./contract_knowledge.ts";

/** Registers the experiments part of the contract. */
export function experimentsContract(name: string, open: () => Promise<Store>): void {
  const test = contractTest(name, open);

  test("experiments are scoped, one runs per agent, and updates read back", async (store) => {
    const { a, b, adminA } = await twoWorkspaces(store);
    const ag = agent(a.id, adminA.id);
    await store.agents.insert(ag);
    const experiment = (at: Date): Experiment => ({
      id: newId(at),
      workspaceId: a.id,
      agentId: ag.id,
      name: "Shorter prompt",
      status: "draft",
      variants: [
        { key: "A", name: "Control", weight: 1 },
        { key: "B", name: "Short", weight: 1, prompt: "Be brief.", temperature: 0.9, model: "gpt-x" },
      ],
      winner: null,
      startedAt: null,
      stoppedAt: null,
      createdBy: adminA.id,
      createdAt: at,
      updatedAt: at,
    });
    const first = experiment(T0);
    const second = experiment(new Date(T0.getTime() + 1000));
    await store.experiments.insert(first);
    await store.experiments.insert(second);
    assert.deepEqual(await store.experiments.get(a.id, first.id), first);
    assert.equal(await store.experiments.get(b.id, first.id), null);
    assert.deepEqual((await store.experiments.list(a.id, ag.id)).map((e) => e.id), [second.id, first.id]);
    assert.deepEqual(await store.experiments.list(b.id, ag.id), []);
    assert.equal(await store.experiments.running(a.id, ag.id), null);

    const later = new Date(T0.getTime() + 5000);
    const started = await store.experiments.update(a.id, first.id, {
      status: "running",
      startedAt: later,
      updatedAt: later,
    });
    assert.deepEqual(started, { ...first, status: "running", startedAt: later, updatedAt: later });
    assert.deepEqual(await store.experiments.running(a.id, ag.id), started);
    await assert.rejects(
      store.experiments.update(a.id, second.id, { status: "running", startedAt: later, updatedAt: later }),
      (e) => e instanceof ConflictError && e.code === "experiment_running",
    );
    assert.equal((await store.experiments.get(a.id, second.id))?.status, "draft");
    assert.equal(await store.experiments.update(b.id, first.id, { status: "stopped", updatedAt: later }), null);
    const stopped = await store.experiments.update(a.id, first.id, {
      status: "stopped",
      winner: "B",
      stoppedAt: later,
      updatedAt: later,
    });
    assert.deepEqual(stopped, { ...started, status: "stopped", winner: "B", stoppedAt: later });
    assert.equal(await store.experiments.running(a.id, ag.id), null);
  });

  test("a conversation's variant is recorded once and listed", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const conv = await conversationIn(store, a.id);
    const other = await conversationIn(store, a.id);
    const experimentId = newId();
    assert.equal(await store.experiments.assign(b.id, conv.id, experimentId, "A"), null);
    const assigned = await store.experiments.assign(a.id, conv.id, experimentId, "B");
    assert.equal(assigned?.variant, "B");
    assert.equal(assigned?.experimentId, experimentId);
    // The first assignment stays.
    assert.equal((await store.experiments.assign(a.id, conv.id, newId(), "A"))?.variant, "B");
    const read = await store.conversations.get(a.id, conv.id);
    assert.equal(read?.variant, "B");
    assert.equal((await store.conversations.get(a.id, other.id))?.variant, undefined);
    assert.deepEqual(await store.experiments.assignments(a.id, experimentId), [
      { conversationId: conv.id, variant: "B" },
    ]);
    assert.deepEqual(await store.experiments.assignments(b.id, experimentId), []);
    assert.deepEqual(
      [...await store.experiments.variantsOf(a.id, [conv.id, other.id])],
      [[conv.id, "B"]],
    );
    assert.equal((await store.experiments.variantsOf(b.id, [conv.id])).size, 0);
  });
}
