/**
 * `/api/categories`: the workspace's categories (topics) with their example phrases, which auto-tag new
 * conversations and tickets (models/categories/).
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import * as categories from "../models/categories/categories.ts";
import { categoryInputSchema, categoryJson, categoryWire } from "../models/categories/category.ts";
import { access, errorResponses, IdParam, jsonAnswer, jsonBody, resource, route } from "./openapi.ts";
import { requireApiSession } from "../http/api_session.ts";
import { currentUser } from "../http/session.ts";

const tags = ["Categories"];
const categoriesApi = resource();
categoriesApi.use("*", requireApiSession);

const One = z.object({ category: categoryWire });

categoriesApi.openapi(
  route({
    method: "get",
    path: "/",
    tags,
    operationId: "listCategories",
    security: access.staff,
    summary: "The workspace's categories, by name",
    responses: { 200: jsonAnswer(z.object({ categories: z.array(categoryWire) }), "All"), ...errorResponses(401) },
  }),
  async (c) =>
    c.json({ categories: (await categories.listCategories(c.var.deps, currentUser(c))).map(categoryJson) }, 200),
);

categoriesApi.openapi(
  route({
    method: "post",
    path: "/",
    tags,
    operationId: "createCategory",
    security: access.staff,
    summary: "Create a category (names are unique per workspace and become ticket tags)",
    request: { body: jsonBody(categoryInputSchema) },
    responses: { 201: jsonAnswer(One, "Created"), ...errorResponses(400, 401, 409) },
  }),
  async (c) =>
    c.json({
      category: categoryJson(await categories.createCategory(c.var.deps, currentUser(c), c.req.valid("json"))),
    }, 201),
);

categoriesApi.openapi(
  route({
    method: "get",
    path: "/{id}",
    tags,
    operationId: "getCategory",
    security: access.staff,
    summary: "One category",
    request: { params: IdParam },
    responses: { 200: jsonAnswer(One, "It"), ...errorResponses(400, 401, 404) },
  }),
  async (c) =>
    c.json({
      category: categoryJson(await categories.getCategory(c.var.deps, currentUser(c), c.req.valid("param").id)),
    }, 200),
);

categoriesApi.openapi(
  route({
    method: "put",
    path: "/{id}",
    tags,
    operationId: "updateCategory",
    security: access.staff,
    summary: "Replace a category's name, description and examples",
    request: { params: IdParam, body: jsonBody(categoryInputSchema) },
    responses: { 200: jsonAnswer(One, "Saved"), ...errorResponses(400, 401, 404, 409) },
  }),
  async (c) => {
    const saved = await categories.updateCategory(
      c.var.deps,
      currentUser(c),
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json({ category: categoryJson(saved) }, 200);
  },
);

categoriesApi.openapi(
  route({
    method: "delete",
    path: "/{id}",
    tags,
    operationId: "deleteCategory",
    security: access.staff,
    summary: "Delete a category (tags already applied stay)",
    request: { params: IdParam },
    responses: { 204: { description: "Deleted" }, ...errorResponses(400, 401, 404) },
  }),
  async (c) => {
    await categories.deleteCategory(c.var.deps, currentUser(c), c.req.valid("param").id);
    return c.body(null, 204);
  },
);

/** The `/api/categories` sub-app. */
export default categoriesApi;
