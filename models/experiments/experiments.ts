/**
 * Experiment use cases: create, list, start, stop, promote, and the variant an answer uses. Admins manage
 * experiments; every member can read them and their results (`results.ts`).
 *
 * @module
 */
import type { z } from "zod";
import { ConflictError, NotFoundError, ValidationError } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { requireAdmin } from "../accounts/auth.ts";
import type { User } from "../accounts/user.ts";
import type { Agent } from "../agents/agent.ts";
import { getAgent, updateAgent } from "../agents/agents.ts";
import type { Conversation } from "../chat/conversation.ts";
import { actorOf, newEvent } from "../events/event.ts";
import { rollback } from "../knowledge/training.ts";
import type { Deps } from "../ports/deps.ts";
import { assignVariant, type Experiment, overridesOf, type Variant, VARIANT_KEYS, withVariant } from "./experiment.ts";
import type { experimentCreateSchema } from "./experiment_schemas.ts";

/** The agent's experiments, newest first. */
export async function listExperiments(deps: Deps, user: User, agentId: string): Promise<Experiment[]> {
  const agent = await getAgent(deps, user, agentId);
  return deps.store.experiments.list(agent.workspaceId, agent.id);
}

/** One experiment of the agent (404 for another agent's or workspace's). */
export async function getExperiment(deps: Deps, user: User, agentId: string, id: string): Promise<Experiment> {
  const agent = await getAgent(deps, user, agentId);
  const experiment = await deps.store.experiments.get(agent.workspaceId, id);
  if (!experiment || experiment.agentId !== agent.id) throw new NotFoundError("Experiment");
  return experiment;
}

/** Creates an experiment (admins), not started. */
export async function createExperiment(
  deps: Deps,
  user: User,
  agentId: string,
  input: z.infer<typeof experimentCreateSchema>,
): Promise<Experiment> {
  requireAdmin(user);
  const agent = await getAgent(deps, user, agentId);
  const asked = input.variants.flatMap((v, i) => v.knowledgeVersionId ? [[i, v.knowledgeVersionId] as const] : []);
  if (asked.length) {
    const versions = new Set((await deps.store.knowledge.listVersions(agent.workspaceId, agent.id)).map((v) => v.id));
    const unknown = asked.filter(([, id]) => !versions.has(id));
    if (unknown.length) {
      throw new ValidationError(
        "A variant names a knowledge version this agent does not have.",
        {
          fields: Object.fromEntries(
            unknown.map(([i]) => [`variants.${i}.knowledgeVersionId`, "Not a version of this agent."]),
          ),
        },
      );
    }
  }
  const now = deps.clock.now();
  const variants: Variant[] = input.variants.map((v, i) => {
    const key = VARIANT_KEYS[i];
    return { ...v, key, name: v.name ?? (i === 0 ? "Control" : `Variant ${key}`) };
  });
  const experiment: Experiment = {
    id: newId(now),
    workspaceId: agent.workspaceId,
    agentId: agent.id,
    name: input.name,
    status: "draft",
    variants,
    winner: null,
    startedAt: null,
    stoppedAt: null,
    createdBy: user.id,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.experiments.insert(experiment, (e) => [
    newEvent("experiment.created", {
      workspaceId: e.workspaceId,
      aggregateId: e.agentId,
      actor: actorOf(user),
      at: now,
      payload: {
        agentId: e.agentId,
        experimentId: e.id,
        name: e.name,
        variants: e.variants.map(({ key, name, weight }) => ({ key, name, weight })),
      },
    }),
  ]);
  return experiment;
}

/** Starts a created experiment (admins); another running experiment of the agent answers 409. */
export async function startExperiment(deps: Deps, user: User, agentId: string, id: string): Promise<Experiment> {
  requireAdmin(user);
  const experiment = await getExperiment(deps, user, agentId, id);
  if (experiment.status !== "draft") {
    throw new ConflictError("Only an experiment that has not run yet can start.", "experiment_not_draft");
  }
  const now = deps.clock.now();
  const started = await deps.store.experiments.update(
    experiment.workspaceId,
    id,
    { status: "running", startedAt: now, updatedAt: now },
    (e) => [
      newEvent("experiment.started", {
        workspaceId: e.workspaceId,
        aggregateId: e.agentId,
        actor: actorOf(user),
        at: now,
        payload: { agentId: e.agentId, experimentId: e.id },
      }),
    ],
  );
  if (!started) throw new NotFoundError("Experiment");
  return started;
}

/** Stops a running experiment (admins). */
export async function stopExperiment(deps: Deps, user: User, agentId: string, id: string): Promise<Experiment> {
  requireAdmin(user);
  const experiment = await getExperiment(deps, user, agentId, id);
  if (experiment.status !== "running") {
    throw new ConflictError("The experiment is not running.", "experiment_not_running");
  }
  const now = deps.clock.now();
  const stopped = await deps.store.experiments.update(
    experiment.workspaceId,
    id,
    { status: "stopped", stoppedAt: now, updatedAt: now },
    (e) => [
      newEvent("experiment.stopped", {
        workspaceId: e.workspaceId,
        aggregateId: e.agentId,
        actor: actorOf(user),
        at: now,
        payload: { agentId: e.agentId, experimentId: e.id },
      }),
    ],
  );
  if (!stopped) throw new NotFoundError("Experiment");
  return stopped;
}

/**
 * Promotes a variant (admins): its settings become the agent's (its knowledge version made active again, when
 * it names one), and the experiment stops with it as the winner. Answers the experiment and the agent.
 */
export async function promoteVariant(
  deps: Deps,
  user: User,
  agentId: string,
  id: string,
  key: string,
): Promise<{ experiment: Experiment; agent: Agent }> {
  requireAdmin(user);
  const experiment = await getExperiment(deps, user, agentId, id);
  if (experiment.status === "draft" || experiment.winner) {
    throw new ConflictError(
      experiment.winner ? "A variant was promoted already." : "Start the experiment before promoting a variant.",
      "experiment_not_promotable",
    );
  }
  const variant = experiment.variants.find((v) => v.key === key);
  if (!variant) {
    throw new ValidationError("No such variant.", { fields: { variant: `This experiment has no variant ${key}.` } });
  }
  const overrides = overridesOf(variant);
  const fields = Object.keys(overrides);
  let agent = await getAgent(deps, user, agentId);
  if (fields.length) agent = await updateAgent(deps, user, agentId, overrides);
  if (variant.knowledgeVersionId && variant.knowledgeVersionId !== agent.activeVersionId) {
    await rollback(deps, user, agentId, variant.knowledgeVersionId);
    fields.push("knowledgeVersion");
    agent = await getAgent(deps, user, agentId);
  }
  const now = deps.clock.now();
  const promoted = await deps.store.experiments.update(
    experiment.workspaceId,
    id,
    {
      status: "stopped",
      winner: variant.key,
      ...(experiment.status === "running" ? { stoppedAt: now } : {}),
      updatedAt: now,
    },
    (e) => [
      newEvent("experiment.promoted", {
        workspaceId: e.workspaceId,
        aggregateId: e.agentId,
        actor: actorOf(user),
        at: now,
        payload: { agentId: e.agentId, experimentId: e.id, variant: variant.key, fields },
      }),
    ],
  );
  if (!promoted) throw new NotFoundError("Experiment");
  return { experiment: promoted, agent };
}

/**
 * The agent as it answers this conversation: with the running experiment's variant for its customer
 * (recorded on the conversation the first time, then kept), or as it is when none runs.
 */
export async function agentForConversation(
  deps: Deps,
  agent: Agent,
  conversation: Conversation,
): Promise<{ agent: Agent; variant: Variant | null }> {
  const running = await deps.store.experiments.running(agent.workspaceId, agent.id);
  if (!running) return { agent, variant: null };
  let key = conversation.experimentId === running.id ? conversation.variant : undefined;
  if (!key && !conversation.experimentId) {
    const assigned = await deps.store.experiments.assign(
      conversation.workspaceId,
      conversation.id,
      running.id,
      assignVariant(running, conversation.visitorId).key,
    );
    // Another experiment's variant recorded meanwhile (a race with a stop and a start): the agent as it is.
    key = assigned?.experimentId === running.id ? assigned.variant : undefined;
  }
  const variant = running.variants.find((v) => v.key === key) ?? null;
  return { agent: withVariant(agent, variant), variant };
}
