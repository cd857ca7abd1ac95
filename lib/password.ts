/**
 * Password hashing with bcrypt (native `@node-rs/bcrypt`, which runs the work
 * on a thread pool so the event loop stays free).
 *
 * @module
 */
import { hash, verify } from "@node-rs/bcrypt";

/** Hashes a password with the given bcrypt cost (production uses >= 12). */
export function hashPassword(password: string, cost: number): Promise<string> {
  return hash(password, cost);
}

/** True when `password` matches `hashed`. Always awaited: a bare Promise is truthy. */
export async function verifyPassword(password: string, hashed: string): Promise<boolean> {
  try {
    return (await verify(password, hashed)) === true;
  } catch {
    return false;
  }
}
