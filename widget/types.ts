/**
 * Types shared by the loader (`widget.js`) and the chat bundle (`widget/chat.js`):
 * the public session, the contract between the two bundles, and the public
 * `window.Frontdesk` API. Types only, so neither bundle pays for them.
 *
 * @module
 */
import type { VisitorInfo, WidgetSession } from "../models/chat/wire.ts";
import type { Lang } from "./i18n.ts";

/** What `POST /api/widget/session` answers, and (`VisitorInfo`) the `visitor` of `POST /api/widget/identify`. */
export type { VisitorInfo, WidgetSession } from "../models/chat/wire.ts";

/** Events a host page can listen to with `Frontdesk.on`. */
export type WidgetEvent = "ready" | "open" | "close" | "message" | "unread";

/** What `Frontdesk.identify` takes. */
export interface IdentifyInput {
  email?: string;
  name?: string;
  /** HMAC of the email by the customer's server, to mark the visitor verified. */
  userHash?: string;
}

/** What the loader gives the chat bundle's `mount`. */
export interface MountOptions {
  /** The widget's shadow root (the chat adds its stylesheet here). */
  root: ShadowRoot;
  /** Where the chat renders its panel, inside `root`. */
  container: HTMLElement;
  /** The loader's launcher button (focus returns here on close). */
  launcher: HTMLButtonElement;
  /** The app's origin, from the script's `src`. */
  origin: string;
  agentId: string;
  session: WidgetSession;
  lang: Lang;
  /** Tells the loader (and through it the host page) what happened. */
  emit(event: WidgetEvent, data?: unknown): void;
}

/** What the chat bundle's `mount` returns: the loader drives it. */
export interface ChatController {
  /** Opens the panel; on `conversationId` when it is one of the visitor's (an emailed link points at it). */
  open(conversationId?: string): void;
  close(): void;
  toggle(): void;
  identify(input: IdentifyInput): Promise<VisitorInfo>;
}

/** The chat bundle's exports. */
export interface ChatModule {
  mount(options: MountOptions): ChatController;
}

/** An event handler registered with `Frontdesk.on`. */
export type Handler = (data?: unknown) => void;

/** `window.Frontdesk`: the only global the widget adds. */
export interface FrontdeskApi {
  open(): void;
  close(): void;
  toggle(): void;
  identify(input: IdentifyInput): Promise<VisitorInfo | undefined>;
  on(event: WidgetEvent, handler: Handler): void;
  off(event: WidgetEvent, handler: Handler): void;
  /** Set on the real API (a pre-load stub has `q` instead). */
  version: string;
}
