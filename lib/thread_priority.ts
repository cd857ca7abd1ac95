/**
 * Background threads yield the CPU to the chat: a thread whose work can wait (composing the built-in
 * responder's answers, embedding text) lowers its own scheduling priority, so that on a busy machine the
 * event loop that acknowledges visitors' messages and the thread that stores them run first. Without it,
 * one answering thread kept a core busy and the kernel shared the other fairly among the loop, the writer
 * and the rest, and a visitor's ack waited for its turn (`deno task bench`'s load profile).
 *
 * Linux schedules threads, and `setpriority(PRIO_PROCESS, tid)` (node:os `setPriority`) sets one thread's
 * nice value. Only threads that never hold the process's SQLite write lock may use this: a low-priority
 * thread preempted while holding it would stall every writer behind it (priority inversion).
 *
 * @module
 */
import { getPriority, setPriority } from "node:os";

/** How far background threads step back (nice 10: about a tenth of a core's share against a busy thread). */
export const BACKGROUND_NICE = 10;

/**
 * Lowers the calling thread's priority to `nice` (never raises it). Best effort: elsewhere than Linux,
 * without `/proc` or without the permission, the thread keeps the process's priority. Returns whether it was
 * lowered.
 */
export function lowerThisThread(nice = BACKGROUND_NICE): boolean {
  if (Deno.build.os !== "linux") return false;
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>": the kernel's id of this thread, not the process's.
    const tid = Number(Deno.readLinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    // Never raised: a process started niced (a batch job, CI) stays where it was put.
    if (getPriority(tid) < nice) setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
