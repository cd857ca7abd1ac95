/**
 * A toast: an {@linkcode Alert} floating at the bottom of the screen (the
 * right on wide ones) with a Dismiss button, for news that belongs to no
 * control on screen (an action taken from a list, a socket error). Errors
 * are announced at once, successes politely, like every Alert.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { Alert } from "./Alert.tsx";
import { Icon } from "./Icons.tsx";

/** Props of {@linkcode Toast}. */
export interface ToastProps {
  tone: "error" | "success";
  children: ComponentChildren;
  onDismiss: () => void;
}

/** The floating message and its Dismiss button. */
export function Toast({ tone, children, onDismiss }: ToastProps) {
  return (
    <div class="fixed inset-x-4 bottom-4 z-40 sm:right-6 sm:left-auto sm:max-w-sm">
      <Alert tone={tone}>
        <div class="flex items-start justify-between gap-3">
          <span>{children}</span>
          <button type="button" class="-m-1 rounded p-1" onClick={onDismiss}>
            <Icon name="close" class="size-4" />
            <span class="sr-only">Dismiss</span>
          </button>
        </div>
      </Alert>
    </div>
  );
}
