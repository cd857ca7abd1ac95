/**
 * `/api/agents/:id/experiments`: A/B tests of an agent's answers. Create (with `variants` and their
 * `weight`), list, start, stop, promote the winner, and the results per variant with the verdict.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { isId } from "../lib/ids.ts";
import { agentJson, agentWire } from "../models/agents/wire.ts";
import { experimentCreateSchema, promoteSchema } from "../models/experiments/experiment_schemas.ts";
import * as experiments from "../models/experiments/experiments.ts";
import { experimentResults } from "../models/experiments/results.ts";
import {
  experimentJson,
  experimentResultsJson,
  experimentResultsWire,
  experimentWire,
} from "../models/experiments/wire.ts";
import { access, errorResponses, IdParam, jsonAnswer, jsonBody, resource, route } from "./openapi.ts";
import { requireApiSession } from "../http/api_session.ts";
import { currentUser } from "../http/session.ts";

const tags = ["Experiments"];
const experimentsApi = resource();
experimentsApi.use("*", requireApiSession);

const ExperimentParams = IdParam.extend({
  experimentId: z.string().refine(isId, { message: "Must be a 24-character hex id." }).openapi({
    param: { name: "experimentId", in: "path" },
    example: "65f1c0ffee0000000000abce",
  }),
});
const ExperimentEnvelope = z.object({ experiment: experimentWire });

experimentsApi.openapi(
  route({
    method: "get",
    path: "/{id}/experiments",
    tags,
    operationId: "listExperiments",
    security: access.staff,
    summary: "The agent's A/B tests, newest first",
    request: { params: IdParam },
    responses: {
      200: jsonAnswer(z.object({ experiments: z.array(experimentWire) }), "The experiments"),
      ...errorResponses(400, 401, 404),
    },
  }),
  async (c) => {
    const list = await experiments.listExperiments(c.var.deps, currentUser(c), c.req.valid("param").id);
    return c.json({ experiments: list.map(experimentJson) }, 200);
  },
);

experimentsApi.openapi(
  route({
    method: "post",
    path: "/{id}/experiments",
    tags,
    operationId: "createExperiment",
    security: access.staff,
    summary: "Create an A/B test (admins): two to five variants, each a weight and its overrides",
    description: "Each variant may override the agent's `prompt`, `model`, `temperature`, `provider` and " +
      "`knowledgeVersionId` (applied to the agent on promotion). Variants are keyed `A`, `B`, ... in the order " +
      "given; `A` is the control. Traffic splits by weight over the sum of weights, sticky per customer.",
    request: { params: IdParam, body: jsonBody(experimentCreateSchema) },
    responses: { 201: jsonAnswer(ExperimentEnvelope, "Created (not started)"), ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const experiment = await experiments.createExperiment(
      c.var.deps,
      currentUser(c),
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json({ experiment: experimentJson(experiment) }, 201);
  },
);

for (const action of ["start", "stop"] as const) {
  experimentsApi.openapi(
    route({
      method: "post",
      path: `/{id}/experiments/{experimentId}/${action}`,
      tags,
      operationId: action === "start" ? "startExperiment" : "stopExperiment",
      security: access.staff,
      summary: action === "start"
        ? "Start an A/B test (admins; one running per agent, else 409)"
        : "Stop a running A/B test (admins)",
      request: { params: ExperimentParams },
      responses: { 200: jsonAnswer(ExperimentEnvelope, "The experiment"), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id, experimentId } = c.req.valid("param");
      const run = action === "start" ? experiments.startExperiment : experiments.stopExperiment;
      const experiment = await run(c.var.deps, currentUser(c), id, experimentId);
      return c.json({ experiment: experimentJson(experiment) }, 200);
    },
  );
}

experimentsApi.openapi(
  route({
    method: "post",
    path: "/{id}/experiments/{experimentId}/promote",
    tags,
    operationId: "promoteExperimentVariant",
    security: access.staff,
    summary: "Promote the winning variant (admins): its settings become the agent's and the test stops",
    request: { params: ExperimentParams, body: jsonBody(promoteSchema) },
    responses: {
      200: jsonAnswer(z.object({ experiment: experimentWire, agent: agentWire }), "The experiment and the agent"),
      ...errorResponses(400, 401, 403, 404, 409),
    },
  }),
  async (c) => {
    const { id, experimentId } = c.req.valid("param");
    const { experiment, agent } = await experiments.promoteVariant(
      c.var.deps,
      currentUser(c),
      id,
      experimentId,
      c.req.valid("json").variant,
    );
    return c.json({ experiment: experimentJson(experiment), agent: agentJson(agent) }, 200);
  },
);

experimentsApi.openapi(
  route({
    method: "get",
    path: "/{id}/experiments/{experimentId}/results",
    tags,
    operationId: "getExperimentResults",
    security: access.staff,
    summary: "Results per variant with 95% intervals, the z-test of the best against the control, and a verdict",
    request: { params: ExperimentParams },
    responses: { 200: jsonAnswer(experimentResultsWire, "The results"), ...errorResponses(400, 401, 404) },
  }),
  async (c) => {
    const { id, experimentId } = c.req.valid("param");
    const results = await experimentResults(c.var.deps, currentUser(c), id, experimentId);
    return c.json(experimentResultsJson(results), 200);
  },
);

/** The experiments sub-app (mounted on `/api/agents`). */
export default experimentsApi;
