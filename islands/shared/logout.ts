/**
 * Logging out from any island: ends the session on the server, then goes to
 * the sign-in page (even if the session had already expired).
 *
 * @module
 */
import { api } from "./api.ts";

/** Posts `/api/auth/logout` and navigates to `/login`. */
export async function logout(): Promise<void> {
  await api("POST", "/api/auth/logout");
  location.assign("/login");
}
