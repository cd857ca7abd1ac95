/**
 * `GET /api/docs`: the API reference, rendered in the browser by Scalar (npm `@scalar/api-reference`, its
 * standalone bundle copied into the build by `tasks/build.ts`) from `/api/openapi.json`. Everything comes
 * from our origin under the app's CSP: the bundle and the start-up script (`static/api_docs.js`: no inline
 * script), Scalar's web fonts and telemetry off, its AI agent, developer tools, SDK generator and MCP
 * buttons off. Scalar writes a curl example for every operation. Public, like the document it reads.
 *
 * The mount point is not `#api-reference`: the standalone bundle mounts a second reference, with its default
 * configuration (Ask AI, Developer Tools, Generate SDK: all on at localhost), on any element of that id.
 *
 * @module
 */
import { Hono } from "hono";
import { assetManifest } from "../components/assets.ts";
import type { AppEnv } from "../http/app_env.ts";

/** `GET /api/docs`. */
export function apiDocsPage(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/api/docs", (c) => {
    const bundle = assetManifest()?.apiDocs;
    if (!bundle) return c.text("The API reference is not built yet: run `deno task build`.", 503);
    return c.html(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Frontdesk API reference</title>
</head>
<body>
<main id="frontdesk-api-reference" data-url="/api/openapi.json"></main>
<script src="/static/build/${bundle}"></script>
<script src="/static/api_docs.js"></script>
</body>
</html>`);
  });
  return app;
}
