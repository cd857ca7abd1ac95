/**
 * The rating page behind the link in the "How did we do?" email
 * (`/rate?w&t&exp&sig`): five choices and a comment, as a plain HTML form
 * that works without JavaScript; the answer is stored on the ticket.
 *
 * @module
 */
import { type Context, Hono } from "hono";
import { Alert } from "../components/Alert.tsx";
import { AuthLayout } from "../components/AuthLayout.tsx";
import { AppError } from "../lib/errors.ts";
import type { AppEnv } from "../http/app_env.ts";
import { rateByLink } from "../models/tickets/ratings.ts";
import { ratingLinkValid } from "../models/tickets/ticket_mail.ts";
import { renderPage } from "./render.tsx";

const LABELS = ["Very poor", "Poor", "Okay", "Good", "Excellent"];
const HEX = /^[0-9a-f]{24}$/;

function linkOf(q: (k: string) => string | undefined) {
  const w = q("w") ?? "", t = q("t") ?? "", sig = q("sig") ?? "", exp = Number(q("exp"));
  return HEX.test(w) && HEX.test(t) && /^[0-9a-f]{64}$/.test(sig) && Number.isFinite(exp) ? { w, t, exp, sig } : null;
}

/** `GET /rate`, `POST /rate`. */
export function ratePage(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const invalid = (c: Context<AppEnv>) =>
    renderPage(
      c,
      <AuthLayout title="Link not valid" heading="This rating link can't be used">
        <Alert tone="error">The link is invalid or has expired. Thank you all the same!</Alert>
      </AuthLayout>,
      400,
    );

  app.get("/rate", async (c) => {
    const link = linkOf((k) => c.req.query(k));
    if (!link || !(await ratingLinkValid(c.var.deps, link.w, link.t, link.exp, link.sig))) return invalid(c);
    return renderPage(
      c,
      <AuthLayout
        title="Rate your conversation"
        heading="How did we do?"
        subtitle="Your answer goes straight to the team."
      >
        <form method="post" action="/rate" class="space-y-5">
          {Object.entries(link).map(([k, v]) => <input type="hidden" name={k} value={String(v)} key={k} />)}
          <fieldset>
            <legend class="text-sm font-medium text-slate-700">Your rating</legend>
            <div class="mt-2 grid grid-cols-5 gap-2">
              {LABELS.map((label, i) => (
                <label
                  key={label}
                  class="flex cursor-pointer flex-col items-center gap-1 rounded-lg border border-slate-200 p-2 text-xs has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50"
                >
                  <input type="radio" name="score" value={String(i + 1)} required class="sr-only" />
                  <span class="text-xl font-semibold text-slate-900">{i + 1}</span>
                  <span class="text-center text-slate-600">{label}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <label for="comment" class="text-sm font-medium text-slate-700">Anything to add? (optional)</label>
            <textarea id="comment" name="comment" rows={3} maxLength={2000} class="input mt-1 w-full" />
          </div>
          <button type="submit" class="btn-primary w-full">Send rating</button>
        </form>
      </AuthLayout>,
    );
  });

  app.post("/rate", async (c) => {
    const form = await c.req.parseBody().catch(() => ({} as Record<string, unknown>));
    const get = (k: string) => (typeof form[k] === "string" ? form[k] as string : undefined);
    const link = linkOf(get);
    const score = Number(get("score"));
    if (!link || !Number.isInteger(score) || score < 1 || score > 5) return invalid(c);
    try {
      await rateByLink(c.var.deps, link, { score, comment: get("comment")?.trim().slice(0, 2000) || undefined });
    } catch (err) {
      if (err instanceof AppError) return invalid(c);
      throw err;
    }
    return renderPage(
      c,
      <AuthLayout title="Thank you" heading="Thank you!">
        <Alert tone="success">We got your rating of {score}/5. It helps the team get better.</Alert>
      </AuthLayout>,
    );
  });
  return app;
}
