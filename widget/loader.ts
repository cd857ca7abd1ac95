/**
 * The embed script, built to `static/build/widget.js` and served as
 * `<APP_URL>/widget.js`:
 *
 * ```html
 * <script src="<APP_URL>/widget.js" data-agent-id="<id>" async></script>
 * ```
 *
 * It reads its own tag, opens the visitor's session, and (unless the agent is
 * inactive: then nothing at all is shown) draws the launcher in a shadow root.
 * The chat UI (`<APP_URL>/widget/chat-<hash>.js`) is imported when the browser is idle
 * or on the first open, whichever comes first. A page opened from an emailed
 * reply's link (`#frontdesk=<conversation id>`) opens the widget on that
 * conversation, then drops the fragment. The only global is
 * `window.Frontdesk` (see `widget/README.md`).
 *
 * @module
 */
import { createApi, replay, type Run } from "./api.ts";
import { pickLang } from "./i18n.ts";
import { createLauncher, type Launcher } from "./launcher.ts";
import { fetchSession } from "./session.ts";
import type { ChatController, ChatModule, FrontdeskApi, WidgetSession } from "./types.ts";

/** The chat bundle's file name with its content hash, set by the build: a new chat is a new URL to every cache. */
declare const FRONTDESK_CHAT_FILE: string;

type Global = { Frontdesk?: Partial<FrontdeskApi> & { q?: unknown[] } };

function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.agentId) return current;
  return document.querySelector<HTMLScriptElement>("script[data-agent-id][src]");
}

const whenIdle = (fn: () => void) =>
  typeof requestIdleCallback === "function" ? requestIdleCallback(fn, { timeout: 4000 }) : setTimeout(fn, 1500);

/** An emailed reply links back to the page with this fragment. */
const LINK = /^#frontdesk=([0-9a-f]{24})$/i;

const bodyReady = () =>
  document.body ? Promise.resolve() : new Promise((r) => addEventListener("DOMContentLoaded", r, { once: true }));

function start(): void {
  const w = window as unknown as Global;
  if (w.Frontdesk?.version) return; // the snippet is on the page twice
  const script = ownScript();
  const agentId = script?.dataset.agentId;
  if (!script || !agentId) return;
  const origin = new URL(script.src, location.href).origin;
  const lang = pickLang(script.dataset.lang ? [script.dataset.lang] : navigator.languages ?? [navigator.language]);

  let chat: Promise<ChatController | undefined> | undefined;
  // API calls wait for the launcher (`shown`, below), then the chat bundle.
  const run: Run = async <T>(fn: (c: ChatController) => T | Promise<T>) => {
    const s = await shown;
    const c = s && await load(s.session, s.ui);
    return c ? await fn(c) : undefined;
  };
  const hub = createApi(run);

  const load = (session: WidgetSession, ui: Launcher) =>
    chat ??= import(`${origin}/widget/${FRONTDESK_CHAT_FILE}`).then(
      (m: ChatModule) =>
        m.mount({
          root: ui.root,
          container: ui.frame,
          launcher: ui.button,
          origin,
          agentId,
          session,
          lang,
          emit(event, data) {
            if (event === "open" || event === "close") ui.setOpen(event === "open");
            if (event === "unread") ui.setUnread(Number(data) || 0);
            hub.emit(event, data);
          },
        }),
      (err) => {
        chat = undefined; // try again on the next open
        console.warn("Frontdesk: the chat could not be loaded.", err);
        return undefined;
      },
    );

  const shown = fetchSession(origin, agentId, location.href, {
    lang,
    locale: script.dataset.lang ?? navigator.language,
  })
    .catch((err) => {
      console.warn("Frontdesk:", err instanceof Error ? err.message : err);
      return null;
    })
    .then(async (session) => {
      if (!session) return null; // inactive or unknown agent: show nothing
      await bodyReady();
      const ui = createLauncher(session.agent.widgetConfig, lang);
      ui.button.addEventListener("click", () => void run((c) => c.toggle()));
      document.body.append(ui.host);
      hub.emit("ready", { visitorId: session.visitorId });
      whenIdle(() => void load(session, ui));
      return { session, ui };
    });

  // Opens the widget on the linked conversation (the stored visitor token decides whether it is
  // theirs: if not, the widget just opens), then removes the fragment without a new history entry.
  const openLinked = () => {
    const id = LINK.exec(location.hash)?.[1];
    if (!id) return;
    void run((c) => c.open(id.toLowerCase())).finally(() => {
      if (LINK.test(location.hash)) history.replaceState(history.state, "", location.pathname + location.search);
    });
  };
  openLinked();
  addEventListener("hashchange", openLinked);

  const queued = w.Frontdesk?.q;
  w.Frontdesk = hub.api;
  replay(hub.api, queued);
}

start();
