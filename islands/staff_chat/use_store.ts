/**
 * `useStore`: the Inbox reducer with a synchronous view of its latest state.
 * Socket handlers run between renders and must see what the previous frame
 * just changed (to spot a gap in seqs, to resend pending replies), which
 * `useReducer`'s render-time state cannot give them.
 *
 * @module
 */
import { useRef, useState } from "preact/hooks";
import { type InboxAction, inboxReducer, type InboxState, initialState } from "./state.ts";
import type { WireConversation } from "./types.ts";

/** The state to render, `dispatch`, and `current()` for the very latest state. */
export interface Store {
  state: InboxState;
  dispatch: (a: InboxAction) => void;
  current: () => InboxState;
}

/** A store seeded with the conversations the server rendered. */
export function useStore(seed: WireConversation[]): Store {
  const ref = useRef<InboxState | null>(null);
  ref.current ??= initialState(seed);
  const [state, setState] = useState<InboxState>(ref.current);
  const dispatch = useRef((a: InboxAction) => {
    const next = inboxReducer(ref.current!, a);
    if (next === ref.current) return;
    ref.current = next;
    setState(next);
  }).current;
  return { state, dispatch, current: () => ref.current! };
}
