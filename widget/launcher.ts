/**
 * The widget's host element and the launcher bubble. Everything lives in an
 * open shadow root: the host page's CSS cannot reach in (`:host` resets the
 * one element it can match, and an inner `!important` beats an outer one),
 * and nothing leaks out.
 *
 * @module
 */
import { inkOn, safeColor } from "./color.ts";
import { adoptStyles } from "./dom.ts";
import { type Lang, LAUNCHER_LABELS } from "./i18n.ts";
import type { WidgetSession } from "./types.ts";

/** The launcher as the loader drives it. */
export interface Launcher {
  /** `<div id="frontdesk-widget">`, to append to the page. */
  host: HTMLElement;
  root: ShadowRoot;
  /** The top element inside the shadow root; the chat renders its panel here. */
  frame: HTMLElement;
  button: HTMLButtonElement;
  setOpen(open: boolean): void;
  setUnread(count: number): void;
}

const ICONS = '<svg class="i-chat" viewBox="0 0 24 24" aria-hidden="true"><path d="M21 11.5a8.4 8.4 0 0 1-9 8.4 ' +
  '9.6 9.6 0 0 1-3.9-.8L3 20.5l1.4-4.3A8 8 0 0 1 3 11.5 8.6 8.6 0 0 1 12 3a8.6 8.6 0 0 1 9 8.5Z"/></svg>' +
  '<svg class="i-close" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg>';

// `all: initial !important` on :host beats a page's `* { all: unset !important }`:
// for important rules the shadow tree's own context wins.
const CSS = `:host{all:initial!important;display:block!important;position:static!important}
.fd{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#0f172a;
-webkit-font-smoothing:antialiased;text-align:left;direction:ltr}
.fd *,.fd *::before,.fd *::after{box-sizing:border-box}
[hidden]{display:none!important}
.launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:56px;height:56px;padding:0;margin:0;
border:0;border-radius:50%;background:var(--fd-primary);color:var(--fd-ink);cursor:pointer;display:grid;
place-items:center;box-shadow:0 6px 24px rgba(15,23,42,.28);transition:transform .15s ease}
.left .launcher{right:auto;left:20px}
.launcher:hover{transform:scale(1.06)}
.launcher svg{grid-area:1/1;width:26px;height:26px;fill:none;stroke:currentColor;stroke-width:2;
stroke-linecap:round;stroke-linejoin:round;transition:opacity .15s,transform .15s}
.launcher .i-close,.open .launcher .i-chat{opacity:0;transform:rotate(-45deg)}
.open .launcher .i-close{opacity:1;transform:none}
.badge{position:fixed;bottom:58px;right:18px;z-index:2147483001;pointer-events:none;min-width:20px;height:20px;
padding:0 5px;border-radius:10px;background:#dc2626;color:#fff;font:600 12px/20px system-ui,sans-serif;
text-align:center;box-shadow:0 0 0 2px #fff}
.left .badge{right:auto;left:78px;transform:translateX(-100%)}
.open .badge{display:none}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
:focus-visible{outline:2px solid #0f172a;outline-offset:2px;box-shadow:0 0 0 2px #fff}
@media (max-width:480px){.open .launcher{display:none}}
@media (prefers-reduced-motion:reduce){.fd *{transition:none!important;animation:none!important}}`;

/** Builds the host, its shadow root and the launcher in the agent's colour and corner. */
export function createLauncher(config: WidgetSession["agent"]["widgetConfig"], lang: Lang): Launcher {
  const [openLabel, closeLabel, unreadLabel] = LAUNCHER_LABELS[lang];
  const host = document.createElement("div");
  host.id = "frontdesk-widget";
  const root = host.attachShadow({ mode: "open" });
  const color = safeColor(config?.primaryColor);
  adoptStyles(root, `:host{--fd-primary:${color};--fd-ink:${inkOn(color)}}${CSS}`);

  const frame = document.createElement("div");
  frame.className = `fd ${config?.position === "left" ? "left" : "right"}`;
  frame.lang = lang;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "launcher";
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "fd-panel");
  button.setAttribute("aria-describedby", "fd-unread");
  button.innerHTML = ICONS; // constant markup, no data
  // The count sits beside the button, over its corner, not inside it: inside, its digits would be visible
  // text missing from the button's name ("Open chat"); screen readers get it from `fd-unread` instead.
  const badge = document.createElement("span");
  badge.className = "badge";
  badge.setAttribute("aria-hidden", "true");
  badge.hidden = true;
  const unread = document.createElement("span");
  unread.id = "fd-unread";
  unread.className = "sr";
  frame.append(button, badge, unread);
  root.append(frame);

  const launcher: Launcher = {
    host,
    root,
    frame,
    button,
    setOpen(open) {
      button.setAttribute("aria-label", open ? closeLabel : openLabel);
      button.setAttribute("aria-expanded", String(open));
      frame.classList.toggle("open", open);
    },
    setUnread(count) {
      badge.hidden = count < 1;
      badge.textContent = count > 9 ? "9+" : String(count);
      unread.textContent = count > 0 ? unreadLabel.replace("{n}", String(count)) : "";
    },
  };
  launcher.setOpen(false);
  return launcher;
}
