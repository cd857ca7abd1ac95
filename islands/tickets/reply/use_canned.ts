/**
 * `useCanned`: the workspace's canned responses, fetched the first time the
 * reply box needs them (a `/` typed, the Canned button) and kept for the
 * page's life. A failure is said where the list would be, and the next need
 * asks again.
 *
 * @module
 */
import { useRef, useState } from "preact/hooks";
import { fetchCanned } from "../rest.ts";
import type { CannedResponse } from "../types.ts";

/** The responses (null until loaded), why they could not load, and `needCanned`. */
export function useCanned() {
  const [canned, setCanned] = useState<CannedResponse[] | null>(null);
  const [cannedError, setCannedError] = useState<string | null>(null);
  const loading = useRef(false);

  async function needCanned() {
    if (loading.current || canned) return;
    loading.current = true;
    setCannedError(null);
    const res = await fetchCanned();
    loading.current = false;
    if (res.ok) setCanned(res.data.cannedResponses);
    else setCannedError(res.error.message);
  }

  return { canned, cannedError, needCanned };
}
