/**
 * Knowledge endpoints under `/api/agents/:id`: train (the seed's
 * `POST /train`, JSON for text and websites, multipart for documents),
 * sources (list, delete, re-sync) and versions (list, roll back).
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { AppError, ValidationError } from "../lib/errors.ts";
import { isId } from "../lib/ids.ts";
import { trainSchema } from "../models/agents/agent_schemas.ts";
import * as training from "../models/knowledge/training.ts";
import { jobWire, sourceJson, sourceWire, versionJson, versionWire } from "../models/knowledge/wire.ts";
import { access, errorResponses, fieldErrors, IdParam, jsonAnswer, resource, route } from "./openapi.ts";
import { requireApiSession } from "../http/api_session.ts";
import { currentUser } from "../http/session.ts";

const tags = ["Knowledge"];
const knowledgeApi = resource();
knowledgeApi.use("*", requireApiSession);

const idField = (name: string) =>
  z.string().refine(isId, { message: "Must be a 24-character hex id." }).openapi({ param: { name, in: "path" } });
const SourceParams = IdParam.extend({ sourceId: idField("sourceId") });
const VersionParams = IdParam.extend({ versionId: idField("versionId") });
const Trained = z.object({ source: sourceWire, job: jobWire });

const UploadSchema = z.object({
  file: z.any().openapi({ type: "string", format: "binary", description: "PDF, DOCX, Markdown, HTML or text" }),
  title: z.string().max(200).optional(),
});

knowledgeApi.openapi(
  route({
    method: "post",
    path: "/{id}/train",
    tags,
    operationId: "trainAgent",
    security: access.staff,
    summary: "Add knowledge: text or a website (JSON), or a document (multipart field `file`)",
    request: {
      params: IdParam,
      body: {
        content: {
          "application/json": { schema: trainSchema },
          "multipart/form-data": { schema: UploadSchema },
        },
      },
    },
    responses: {
      202: jsonAnswer(Trained, "Accepted: the source and its queued ingestion job"),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { deps } = c.var;
    const type = c.req.header("content-type") ?? "";
    let view;
    if (/^application\/json/i.test(type)) {
      const parsed = trainSchema.safeParse(await c.req.json());
      if (!parsed.success) {
        const fields = fieldErrors(parsed.error.issues);
        throw new ValidationError(`Invalid json: ${Object.keys(fields).join(", ")}.`, { fields });
      }
      view = await training.trainFromJson(deps, currentUser(c), id, parsed.data);
    } else if (/^multipart\/form-data/i.test(type)) {
      const form = await c.req.formData();
      const file = form.get("file");
      if (!(file instanceof File)) {
        throw new ValidationError("Attach a file in the `file` field.", { fields: { file: "Attach a file." } });
      }
      const title = form.get("title");
      view = await training.trainFromFile(deps, currentUser(c), id, {
        bytes: new Uint8Array(await file.arrayBuffer()),
        filename: file.name,
        title: typeof title === "string" ? title : undefined,
      });
    } else {
      throw new AppError(415, "unsupported_media_type", "Send JSON (text, website) or multipart/form-data (document).");
    }
    return c.json({ source: sourceJson(view), job: sourceJson(view).job! }, 202);
  },
);

knowledgeApi.openapi(
  route({
    method: "get",
    path: "/{id}/sources",
    tags,
    operationId: "listSources",
    security: access.staff,
    summary: "Knowledge sources with their latest ingestion job (poll for progress)",
    request: { params: IdParam },
    responses: {
      200: jsonAnswer(z.object({ sources: z.array(sourceWire) }), "The sources"),
      ...errorResponses(400, 401, 404),
    },
  }),
  async (c) => {
    const sources = await training.listSources(c.var.deps, currentUser(c), c.req.valid("param").id);
    c.header("cache-control", "no-store");
    return c.json({ sources: sources.map(sourceJson) }, 200);
  },
);

knowledgeApi.openapi(
  route({
    method: "delete",
    path: "/{id}/sources/{sourceId}",
    tags,
    operationId: "deleteSource",
    security: access.staff,
    summary: "Remove a source (makes a new knowledge version; roll back to restore it)",
    request: { params: SourceParams },
    responses: {
      200: jsonAnswer(z.object({ version: versionWire }), "The new version"),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  async (c) => {
    const { id, sourceId } = c.req.valid("param");
    const version = await training.deleteSource(c.var.deps, currentUser(c), id, sourceId);
    return c.json({ version: versionJson(version, true) }, 200);
  },
);

knowledgeApi.openapi(
  route({
    method: "post",
    path: "/{id}/sources/{sourceId}/resync",
    tags,
    operationId: "resyncSource",
    security: access.staff,
    summary: "Ingest a source again (re-crawl a site, re-read a document)",
    request: { params: SourceParams },
    responses: { 202: jsonAnswer(Trained, "Queued"), ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { id, sourceId } = c.req.valid("param");
    const view = await training.resyncSource(c.var.deps, currentUser(c), id, sourceId);
    const json = sourceJson(view);
    return c.json({ source: json, job: json.job! }, 202);
  },
);

knowledgeApi.openapi(
  route({
    method: "get",
    path: "/{id}/versions",
    tags,
    operationId: "listVersions",
    security: access.staff,
    summary: "Knowledge versions, newest first",
    request: { params: IdParam },
    responses: {
      200: jsonAnswer(z.object({ versions: z.array(versionWire) }), "The versions"),
      ...errorResponses(400, 401, 404),
    },
  }),
  async (c) => {
    const versions = await training.listVersions(c.var.deps, currentUser(c), c.req.valid("param").id);
    return c.json({ versions: versions.map((v) => versionJson(v, v.active)) }, 200);
  },
);

knowledgeApi.openapi(
  route({
    method: "post",
    path: "/{id}/versions/{versionId}/activate",
    tags,
    operationId: "activateVersion",
    security: access.staff,
    summary: "Roll back to an earlier knowledge version (as a new version)",
    request: { params: VersionParams },
    responses: {
      200: jsonAnswer(z.object({ version: versionWire }), "The new active version"),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  async (c) => {
    const { id, versionId } = c.req.valid("param");
    const version = await training.rollback(c.var.deps, currentUser(c), id, versionId);
    return c.json({ version: versionJson(version, true) }, 200);
  },
);

/** Knowledge routes, mounted on `/api/agents`. */
export default knowledgeApi;
