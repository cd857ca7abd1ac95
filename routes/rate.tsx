/**
 * The rating page behind the link in the "How did we do?" email
 * (`/rate?w&t&exp&sig`): five choices and a comment, as a plain HTML form
 * that works without JavaScript; the answer is stored on the ticket. In the
 * customer's language (en, fr, de, es), like the email that links here.
 *
 * @module
 */
import { type Context, Hono } from "hono";
import { Alert } from "../components/Alert.tsx";
import { AuthLayout } from "../components/AuthLayout.tsx";
import { AppError } from "../lib/errors.ts";
import type { AppEnv } from "../http/app_env.ts";
import { rateByLink } from "../models/tickets/ratings.ts";
import { ratingLinkLang, ratingLinkValid } from "../models/tickets/ticket_mail.ts";
import { type Lang, langOf } from "../models/chat/system_texts.ts";
import { customerText, type CustomerTextKey } from "../models/language/customer_texts.ts";
import { renderPage } from "./render.tsx";

const HEX = /^[0-9a-f]{24}$/;
const SCORES = [1, 2, 3, 4, 5] as const;

function linkOf(q: (k: string) => string | undefined) {
  const w = q("w") ?? "", t = q("t") ?? "", sig = q("sig") ?? "", exp = Number(q("exp"));
  return HEX.test(w) && HEX.test(t) && /^[0-9a-f]{64}$/.test(sig) && Number.isFinite(exp) ? { w, t, exp, sig } : null;
}

/**
 * The page's language: the conversation's behind a genuine link (what the customer wrote in), else the
 * browser's first language the system writes (`Accept-Language`), else English.
 */
async function pageLang(c: Context<AppEnv>, link: ReturnType<typeof linkOf>): Promise<Lang | undefined> {
  const lang = link ? await ratingLinkLang(c.var.deps, link) : undefined;
  if (lang) return lang;
  for (const part of (c.req.header("accept-language") ?? "").split(",")) {
    const lang = langOf(part.split(";")[0]);
    if (lang) return lang;
  }
  return undefined;
}

/** `GET /rate`, `POST /rate`. */
export function ratePage(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const invalid = (c: Context<AppEnv>, lang?: Lang) => {
    const t = (k: CustomerTextKey) => customerText(lang, k);
    return renderPage(
      c,
      <AuthLayout title={t("invalidTitle")} heading={t("invalidHeading")} lang={lang}>
        <Alert tone="error">{t("invalidBody")}</Alert>
      </AuthLayout>,
      400,
    );
  };

  app.get("/rate", async (c) => {
    const link = linkOf((k) => c.req.query(k));
    if (!link || !(await ratingLinkValid(c.var.deps, link.w, link.t, link.exp, link.sig))) {
      return invalid(c, await pageLang(c, null));
    }
    const lang = await pageLang(c, link);
    const t = (k: CustomerTextKey) => customerText(lang, k);
    return renderPage(
      c,
      <AuthLayout title={t("pageTitle")} heading={t("pageHeading")} subtitle={t("pageSubtitle")} lang={lang}>
        <form method="post" action="/rate" class="space-y-5">
          {Object.entries(link).map(([k, v]) => <input type="hidden" name={k} value={String(v)} key={k} />)}
          <fieldset>
            <legend class="text-sm font-medium text-slate-700">{t("yourRating")}</legend>
            <div class="mt-2 grid grid-cols-5 gap-2">
              {SCORES.map((n) => (
                <label
                  key={n}
                  class="flex cursor-pointer flex-col items-center gap-1 rounded-lg border border-slate-200 p-2 text-xs has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50"
                >
                  <input type="radio" name="score" value={String(n)} required class="sr-only" />
                  <span class="text-xl font-semibold text-slate-900">{n}</span>
                  <span class="text-center text-slate-600">{t(`label${n}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <label for="comment" class="text-sm font-medium text-slate-700">{t("comment")}</label>
            <textarea id="comment" name="comment" rows={3} maxLength={2000} class="input mt-1 w-full" />
          </div>
          <button type="submit" class="btn-primary w-full">{t("send")}</button>
        </form>
      </AuthLayout>,
    );
  });

  app.post("/rate", async (c) => {
    const form = await c.req.parseBody().catch(() => ({} as Record<string, unknown>));
    const get = (k: string) => (typeof form[k] === "string" ? form[k] as string : undefined);
    const link = linkOf(get);
    const score = Number(get("score"));
    if (!link || !Number.isInteger(score) || score < 1 || score > 5) return invalid(c, await pageLang(c, null));
    const lang = await pageLang(c, link);
    try {
      await rateByLink(c.var.deps, link, { score, comment: get("comment")?.trim().slice(0, 2000) || undefined });
    } catch (err) {
      if (err instanceof AppError) return invalid(c, lang);
      throw err;
    }
    return renderPage(
      c,
      <AuthLayout title={customerText(lang, "thanksTitle")} heading={customerText(lang, "thanksHeading")} lang={lang}>
        <Alert tone="success">{customerText(lang, "thanksBody", { score })}</Alert>
      </AuthLayout>,
    );
  });
  return app;
}
