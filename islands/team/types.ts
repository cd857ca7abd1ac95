/**
 * What the team page's island works with: members and pending invites as
 * the server renders them (dates as ISO strings).
 *
 * @module
 */

/** A member as the island gets it (dates as ISO strings). */
export interface TeamMember {
  id: string;
  name: string;
  email: string;
  role: "admin" | "user";
  createdAt: string;
}

/** A pending invite (dates as ISO strings). */
export interface TeamInvite {
  id: string;
  email: string;
  role: "admin" | "user";
  expiresAt: string;
  createdAt: string;
}
