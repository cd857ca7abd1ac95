/**
 * A small client of Zendesk's Support API (v2): the calls Frontdesk makes.
 * Written here rather than with `node-zendesk`: that package sends through
 * its own transport (cross-fetch), so its requests could not go through
 * `lib/safe_fetch.ts`, and we need four endpoints. Authentication is HTTP
 * basic with `{email}/token:{api_token}`; errors answer a non-2xx status with
 * `{ error, description }` (429 with `Retry-After`).
 *
 * @module
 */
import { safeFetch } from "../../lib/safe_fetch.ts";

/** A Zendesk call that failed. */
export class ZendeskApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = "ZendeskApiError";
  }
}

/** Zendesk ticket statuses. */
export type ZendeskStatus = "new" | "open" | "pending" | "hold" | "solved" | "closed";

/** A ticket as far as we read it. */
export interface ZendeskTicket {
  id: number;
  status: ZendeskStatus;
  external_id?: string | null;
}

/** Calls one Zendesk account as one agent. */
export class ZendeskApi {
  constructor(
    private baseUrl: string,
    private email: string,
    private apiToken: string,
    private allowLoopback: boolean,
  ) {}

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      authorization: `Basic ${btoa(`${this.email}/token:${this.apiToken}`)}`,
      accept: "application/json",
    };
    if (body !== undefined) headers["content-type"] = "application/json";
    let res: Response;
    try {
      ({ response: res } = await safeFetch(`${this.baseUrl}/api/v2${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: "error",
      }, { allowLoopback: this.allowLoopback, timeoutMs: 10_000 }));
    } catch (err) {
      throw new ZendeskApiError(0, `Zendesk could not be reached: ${(err as Error).message}`);
    }
    const data = await res.json().catch(() => null) as Record<string, unknown> | null;
    if (!res.ok) {
      const detail = typeof data?.description === "string"
        ? data.description
        : typeof data?.error === "string"
        ? data.error
        : (data?.error as { message?: string } | undefined)?.message ?? "";
      throw new ZendeskApiError(res.status, `Zendesk answered ${res.status}${detail ? `: ${detail}` : ""}.`);
    }
    return data as T;
  }

  /** `GET /users/me.json`: the agent the token belongs to (a cheap test of the credentials). */
  async me(): Promise<{ id: string; email: string; name: string }> {
    const { user } = await this.#call<{ user: { id: number; email: string; name: string; role?: string } }>(
      "GET",
      "/users/me.json",
    );
    // An anonymous answer (id null / role "end-user" without a session) means the credentials were not taken.
    if (!user?.id) throw new ZendeskApiError(401, "Zendesk did not accept the email and API token.");
    return { id: String(user.id), email: user.email, name: user.name };
  }

  /** `GET /users/{id}.json`: a user's email (to find the teammate behind a comment). */
  async userEmail(id: string): Promise<string | null> {
    const { user } = await this.#call<{ user: { email?: string } }>("GET", `/users/${encodeURIComponent(id)}.json`);
    return user.email?.toLowerCase() ?? null;
  }

  /** The ticket we created for `externalId` earlier, if any (a create that crashed before its link was kept). */
  async findByExternalId(externalId: string): Promise<ZendeskTicket | null> {
    const { tickets } = await this.#call<{ tickets: ZendeskTicket[] }>(
      "GET",
      `/tickets.json?external_id=${encodeURIComponent(externalId)}`,
    );
    return tickets[0] ?? null;
  }

  /** `POST /tickets.json`. */
  async createTicket(ticket: {
    subject: string;
    comment: { body: string; public: boolean };
    requester?: { name: string; email: string };
    external_id: string;
    tags: string[];
  }): Promise<ZendeskTicket> {
    return (await this.#call<{ ticket: ZendeskTicket }>("POST", "/tickets.json", { ticket })).ticket;
  }

  /** `PUT /tickets/{id}.json`. */
  async updateTicket(id: string, ticket: { status?: ZendeskStatus; comment?: { body: string; public: boolean } }) {
    return (await this.#call<{ ticket: ZendeskTicket }>("PUT", `/tickets/${encodeURIComponent(id)}.json`, { ticket }))
      .ticket;
  }
}
