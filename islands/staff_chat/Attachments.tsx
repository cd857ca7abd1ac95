/**
 * A message's files: PNG, JPEG, GIF and WebP images are drawn inline (each a
 * link to the full file); anything else, SVG included, is only a link with
 * its name and size. Links go only to http(s) addresses or this site.
 *
 * @module
 */
import { Icon } from "../../components/Icons.tsx";
import { fileSize, isInlineImage, safeHref } from "./format.ts";
import type { WireAttachment } from "./types.ts";

/** Images and file links; nothing when there are no attachments. */
export function Attachments({ items, dark }: { items: WireAttachment[]; dark?: boolean }) {
  const shown = items.map((a) => ({ a, href: safeHref(a.url) })).filter((x) => x.href);
  if (!shown.length) return null;
  return (
    <ul class="mt-2 flex flex-wrap gap-2">
      {shown.map(({ a, href }) => (
        <li key={a.id} class="max-w-full">
          {isInlineImage(a)
            ? (
              <a href={href!} target="_blank" rel="noopener noreferrer" class="block rounded-lg">
                <img
                  src={href!}
                  alt={a.name}
                  loading="lazy"
                  class="max-h-48 max-w-full rounded-lg bg-slate-100 object-contain"
                />
              </a>
            )
            : (
              <a
                href={href!}
                target="_blank"
                rel="noopener noreferrer"
                download={a.name}
                class={`inline-flex max-w-full items-center gap-2 rounded-lg px-2.5 py-1.5 text-xs font-medium ring-1 ring-inset ${
                  dark
                    ? "bg-white/10 text-white ring-white/30 hover:bg-white/20"
                    : "bg-white text-indigo-700 ring-slate-200 hover:bg-slate-50"
                }`}
              >
                <Icon name="paperclip" class="size-4 shrink-0" />
                <span class="truncate">{a.name}</span>
                <span class={dark ? "text-white" : "text-slate-500"}>{fileSize(a.size)}</span>
              </a>
            )}
        </li>
      ))}
    </ul>
  );
}
