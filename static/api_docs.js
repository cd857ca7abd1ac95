// Starts the API reference at /api/docs (a file, not an inline script, so the app's CSP holds).
// Nothing may leave the origin: no web fonts, no telemetry, no AI agent, no request proxy; and no control that
// leads to Scalar's hosted services (Ask AI, Developer Tools, Generate SDK, MCP).
// Not `#api-reference`: the bundle mounts its own reference, with the default configuration, on that id.
const root = document.getElementById("frontdesk-api-reference");
globalThis.Scalar.createApiReference(root, {
  url: root.dataset.url,
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: "never",
  hideClientButton: true,
  defaultHttpClient: { targetKey: "shell", clientKey: "curl" },
  // System fonts: some of Scalar's styles name its hosted web fonts even with `withDefaultFonts: false`.
  customCss: `:root, .light-mode, .dark-mode, .scalar-app {
    --scalar-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
    --scalar-font-code: ui-monospace, "DejaVu Sans Mono", Menlo, monospace;
  }`,
});
