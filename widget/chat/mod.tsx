/**
 * The chat bundle's entry (`static/build/widget/chat.js`), imported by the
 * loader: `mount` adds the panel's styles to the widget's shadow root, starts
 * the chat session and returns the controller the loader (and
 * `window.Frontdesk`) drives.
 *
 * @module
 */
import { render } from "preact";
import { adoptStyles } from "../dom.ts";
import type { ChatController, MountOptions } from "../types.ts";
import { App } from "./App.tsx";
import { ChatClient } from "./client.ts";
import { PANEL_CSS } from "./styles.ts";

/** Starts the chat in the loader's shadow root. */
export function mount(o: MountOptions): ChatController {
  adoptStyles(o.root, PANEL_CSS);
  const client = new ChatClient({
    origin: o.origin,
    agentId: o.agentId,
    session: o.session,
    lang: o.lang,
    pageUrl: () => location.href,
    onSupportMessage: (m) =>
      o.emit("message", {
        id: m.id,
        conversationId: m.conversationId,
        text: m.text,
        author: { ...m.author },
        createdAt: m.createdAt,
      }),
  });
  const el = document.createElement("div");
  o.container.append(el);

  let open = false;
  let unread = -1;
  const draw = () =>
    render(<App client={client} session={o.session} lang={o.lang} origin={o.origin} open={open} onClose={close} />, el);

  function setOpen(next: boolean) {
    if (next === open) return;
    open = next;
    client.setVisible(open);
    draw();
    o.emit(open ? "open" : "close");
  }
  function close() {
    // Focus inside the panel would be lost with it: give it back to the launcher.
    const inside = el.contains(o.root.activeElement);
    setOpen(false);
    if (inside) o.launcher.focus();
  }

  client.subscribe(() => {
    if (client.state.unread === unread) return;
    unread = client.state.unread;
    o.emit("unread", unread);
  });
  addEventListener("visibilitychange", () => client.setVisible(open));
  draw();
  client.start();

  return {
    open(conversationId) {
      if (conversationId) client.show(conversationId);
      setOpen(true);
    },
    close,
    toggle: () => open ? close() : setOpen(true),
    identify: (input) => client.identify(input),
  };
}
