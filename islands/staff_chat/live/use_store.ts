/**
 * `useStore`: the staff chat reducer with a synchronous view of its latest state.
 * Socket handlers run between renders and must see what the previous frame
 * just changed (to spot a gap in seqs, to resend pending replies), which
 * `useReducer`'s render-time state cannot give them.
 *
 * @module
 */
import { useRef, useState } from "preact/hooks";
import type { WireConversation } from "../types.ts";
import { type ChatAction, chatReducer, type ChatState, initialState } from "./state.ts";

/** The state to render, `dispatch`, and `current()` for the very latest state. */
export interface Store {
  state: ChatState;
  dispatch: (a: ChatAction) => void;
  current: () => ChatState;
}

/** A store seeded with the conversations the server rendered. */
export function useStore(seed: WireConversation[]): Store {
  const ref = useRef<ChatState | null>(null);
  ref.current ??= initialState(seed);
  const [state, setState] = useState<ChatState>(ref.current);
  const dispatch = useRef((a: ChatAction) => {
    const next = chatReducer(ref.current!, a);
    if (next === ref.current) return;
    ref.current = next;
    setState(next);
  }).current;
  return { state, dispatch, current: () => ref.current! };
}
