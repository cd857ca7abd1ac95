/**
 * `useNewTicket`: the "New ticket" dialog, loaded when first wanted. The
 * form validates with the API's zod schema, and zod is the largest chunk
 * the dashboard has; the Tickets page itself needs none of it, so the
 * dialog's code comes with the first hover, focus or click on the button.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { LOAD_FAILED, useLazyComponent } from "../../shared/use_lazy.ts";
import type { NewTicketDialogProps } from "./NewTicketDialog.tsx";

/** The dialog component while open (null otherwise or while it loads), and the button's handlers. */
export function useNewTicket() {
  const lazy = useLazyComponent<NewTicketDialogProps>(() =>
    import("./NewTicketDialog.tsx").then((m) => m.NewTicketDialog)
  );
  const [open, setOpen] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  async function show() {
    setLoadError(null);
    setOpen(true);
    if (await lazy.load()) return;
    setOpen(false);
    setLoadError(LOAD_FAILED);
  }

  return {
    Dialog: open ? lazy.component : null,
    show,
    close: () => setOpen(false),
    /** For the button's hover and focus: start loading before the click. */
    preload: () => void lazy.load(),
    loadError,
    dismissError: () => setLoadError(null),
  };
}
