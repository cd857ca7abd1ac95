/**
 * Formatting shared by pages and islands. Dates use a fixed locale and UTC so
 * the server's render and the browser's hydration print the same text.
 *
 * @module
 */

const DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** "Mar 4, 2026" for an ISO date string or Date. */
export function formatDate(value: string | Date): string {
  const d = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? "" : DATE.format(d);
}

/** First name for greetings. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}

/** "Admin" / "Member" for a role. */
export function roleLabel(role: string): string {
  return role === "admin" ? "Admin" : "Member";
}
