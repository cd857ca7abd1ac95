/**
 * The embeddable widget's bundles: the loader at its stable URL and the chat it
 * loads lazily, named by its content hash. Part of `build.ts`.
 *
 * @module
 */
import * as esbuild from "esbuild";
import { join } from "node:path";
import type { AssetManifest } from "../components/assets.ts";
import {
  BUILD_DIR,
  compressTree,
  contentHash,
  MANIFEST,
  WIDGET_CHAT_DIR,
  WIDGET_DIR,
  WIDGET_LOADER,
  writeManifest,
} from "./build_files.ts";

/**
 * The widget's two bundles, built beside and swapped in like the islands. The
 * chat is built first: its name carries its content hash and goes into the
 * loader, so a new loader never meets a cached old chat. Target es2022 keeps
 * private fields and `??=` native (esbuild's lowering costs bytes). Returns the
 * chat's file name.
 */
export async function bundleWidget(): Promise<string> {
  const tmp = join(BUILD_DIR, `.widget-${crypto.randomUUID()}`);
  const common: esbuild.BuildOptions = {
    bundle: true,
    minify: true,
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    jsxImportSource: "preact",
    legalComments: "none",
    logLevel: "error",
  };
  try {
    await esbuild.build({
      ...common,
      entryPoints: [join(WIDGET_DIR, "chat", "mod.tsx")],
      outfile: join(tmp, "widget", "chat.js"),
      format: "esm",
      define: { "process.env.NODE_ENV": '"production"' },
    });
    const chat = `chat-${await contentHash(await Deno.readFile(join(tmp, "widget", "chat.js")))}.js`;
    await Deno.rename(join(tmp, "widget", "chat.js"), join(tmp, "widget", chat));
    await esbuild.build({
      ...common,
      entryPoints: [join(WIDGET_DIR, "loader.ts")],
      outfile: join(tmp, "widget.js"),
      format: "iife",
      define: { FRONTDESK_CHAT_FILE: JSON.stringify(chat) },
    });
    await compressTree(tmp);
    // A loader cached before this build (5 minutes) still asks for the chat it knew: keep that one.
    const live = await Deno.readTextFile(MANIFEST).then((t) => (JSON.parse(t) as AssetManifest).widgetChat, () => "");
    for (const ext of live && live !== chat ? ["", ".br", ".gz"] : []) {
      await Deno.copyFile(join(WIDGET_CHAT_DIR, live + ext), join(tmp, "widget", live + ext)).catch(() => {});
    }
    // The chat first: a fresh loader must find its chat in place.
    const old = join(BUILD_DIR, `.old-${crypto.randomUUID()}`);
    await Deno.rename(WIDGET_CHAT_DIR, old).catch(() => {});
    await Deno.rename(join(tmp, "widget"), WIDGET_CHAT_DIR);
    for (const ext of ["", ".br", ".gz"]) {
      await Deno.rename(join(tmp, `widget.js${ext}`), WIDGET_LOADER + ext).catch((err) => {
        if (ext === "") throw err;
      });
    }
    await Deno.remove(old, { recursive: true }).catch(() => {});
    return chat;
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}

/**
 * Every widget file a visitor's browser may download: the loader and all of
 * `static/build/widget/` (not the compressed twins: they are other encodings of these).
 */
export async function widgetFiles(): Promise<string[]> {
  const files = [WIDGET_LOADER];
  for await (const e of Deno.readDir(WIDGET_CHAT_DIR)) {
    if (e.isFile && !/\.(br|gz)$/.test(e.name)) files.push(join(WIDGET_CHAT_DIR, e.name));
  }
  return files.sort();
}

/**
 * Builds only the widget, under the same lock as {@linkcode build}; returns
 * {@linkcode widgetFiles}.
 */
export async function buildWidget(): Promise<string[]> {
  await Deno.mkdir(BUILD_DIR, { recursive: true });
  using lock = await Deno.open(join(BUILD_DIR, ".lock"), { create: true, write: true });
  await lock.lock(true);
  try {
    const chat = await bundleWidget();
    // The manifest follows the chat's new name when there is one (a full build writes it otherwise).
    const m = await Deno.readTextFile(MANIFEST).then((t) => JSON.parse(t) as AssetManifest, () => null);
    if (m) await writeManifest({ ...m, widgetChat: chat });
  } finally {
    await esbuild.stop();
  }
  return await widgetFiles();
}
