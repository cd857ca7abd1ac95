/**
 * The Frontdesk brand: logo mark and wordmark.
 *
 * @module
 */
import { Icon } from "./Icons.tsx";

/** Props of {@linkcode Brand}. */
export interface BrandProps {
  /** `lg` for the auth pages' header, `md` (default) for the app shell. */
  size?: "md" | "lg";
}

/** Logo mark plus "Frontdesk"; wrap it in a link where it should go home. */
export function Brand({ size = "md" }: BrandProps) {
  const mark = size === "lg" ? "size-10 rounded-xl" : "size-8 rounded-lg";
  const text = size === "lg" ? "text-2xl" : "text-lg";
  return (
    <span class="inline-flex items-center gap-2.5">
      <span
        class={`${mark} grid place-items-center bg-linear-to-br from-indigo-500 to-indigo-700 text-white shadow-sm`}
      >
        <Icon name="chat" class={size === "lg" ? "size-6" : "size-5"} stroke={2} />
      </span>
      <span class={`${text} font-bold tracking-tight text-slate-900`}>Frontdesk</span>
    </span>
  );
}
