/**
 * Inline messages: errors are announced at once (`role="alert"`), successes
 * and notes politely (`role="status"`).
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { Icon, type IconName } from "./Icons.tsx";

/** Props of {@linkcode Alert}. */
export interface AlertProps {
  tone: "error" | "success" | "info";
  /** Optional bold first line. */
  title?: string;
  children?: ComponentChildren;
  class?: string;
}

const TONES: Record<AlertProps["tone"], { box: string; icon: IconName; iconColor: string }> = {
  error: { box: "bg-red-50 text-red-800 ring-red-200", icon: "alert", iconColor: "text-red-500" },
  success: {
    box: "bg-emerald-50 text-emerald-800 ring-emerald-200",
    icon: "checkCircle",
    iconColor: "text-emerald-500",
  },
  info: { box: "bg-indigo-50 text-indigo-800 ring-indigo-200", icon: "info", iconColor: "text-indigo-500" },
};

/** A message box with an icon. */
export function Alert({ tone, title, children, class: cls = "" }: AlertProps) {
  const t = TONES[tone];
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      class={`flex gap-3 rounded-lg p-3.5 text-sm ring-1 ring-inset ${t.box} ${cls}`}
    >
      <Icon name={t.icon} class={`mt-px size-5 shrink-0 ${t.iconColor}`} />
      <div class="min-w-0">
        {title && <p class="font-semibold">{title}</p>}
        {children && <div class={title ? "mt-1" : ""}>{children}</div>}
      </div>
    </div>
  );
}
