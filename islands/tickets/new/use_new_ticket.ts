/**
 * `useNewTicket`: the "New ticket" dialog, loaded when first wanted. The
 * form validates with the API's zod schema, and zod is the largest chunk
 * the dashboard has; the Tickets page itself needs none of it, so the
 * dialog's code comes with the first hover, focus or click on the button.
 *
 * @module
 */
import type { ComponentType } from "preact";
import { useRef, useState } from "preact/hooks";
import type { NewTicketDialogProps } from "./NewTicketDialog.tsx";

type DialogComponent = ComponentType<NewTicketDialogProps>;

/** The dialog component while open (null otherwise or while it loads), and the button's handlers. */
export function useNewTicket() {
  const [component, setComponent] = useState<DialogComponent | null>(null);
  const [open, setOpen] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const loading = useRef<Promise<DialogComponent | null> | null>(null);

  function load(): Promise<DialogComponent | null> {
    loading.current ??= import("./NewTicketDialog.tsx").then(
      (m) => {
        // A function given to a state setter is an updater: wrap the component.
        setComponent(() => m.NewTicketDialog);
        return m.NewTicketDialog;
      },
      () => {
        loading.current = null; // the next try asks again
        return null;
      },
    );
    return loading.current;
  }

  async function show() {
    setLoadError(null);
    setOpen(true);
    if (await load()) return;
    setOpen(false);
    setLoadError("We couldn't load the new ticket form. Check your connection and try again.");
  }

  return {
    Dialog: open ? component : null,
    show,
    close: () => setOpen(false),
    /** For the button's hover and focus: start loading before the click. */
    preload: () => void load(),
    loadError,
    dismissError: () => setLoadError(null),
  };
}
