/**
 * The evaluation sets in `eval/sets/<name>/`: each a product's help-centre
 * articles (`pages/<slug>.md`, first line `# Title`), what they are and where
 * they come from (`set.json`: source and licence), and labelled questions
 * (`questions.json`: the page that answers each, or null when none does;
 * `split` "dev" for tuning, "heldout" for reporting only).
 *
 * @module
 */
import { fileURLToPath } from "node:url";

/** One help-centre article. */
export interface Page {
  slug: string;
  title: string;
  /** Markdown body (without the title line). */
  body: string;
}

/** One labelled question. */
export interface Question {
  q: string;
  /** Slug of the page that answers it; null when no page does. */
  page: string | null;
  split: "dev" | "heldout";
}

/** A set: its pages, questions and provenance. */
export interface EvalSet {
  name: string;
  product: string;
  /** Where the pages live on the served site ("/help/"). */
  pathPrefix: string;
  source: string;
  licence: string;
  notes?: string;
  pages: Page[];
  questions: Question[];
}

const ROOT = fileURLToPath(new URL("./sets/", import.meta.url));

/** The names of every set, sorted. */
export function setNames(): string[] {
  return [...Deno.readDirSync(ROOT)].filter((e) => e.isDirectory).map((e) => e.name).sort();
}

/** Loads one set from disk. */
export function loadSet(name: string): EvalSet {
  const dir = `${ROOT}${name}/`;
  const meta = JSON.parse(Deno.readTextFileSync(`${dir}set.json`));
  const pages: Page[] = [];
  for (const e of [...Deno.readDirSync(`${dir}pages`)].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!e.name.endsWith(".md")) continue;
    const text = Deno.readTextFileSync(`${dir}pages/${e.name}`);
    const [first, ...rest] = text.split("\n");
    pages.push({ slug: e.name.slice(0, -3), title: first.replace(/^#\s+/, "").trim(), body: rest.join("\n").trim() });
  }
  const questions: Question[] = JSON.parse(Deno.readTextFileSync(`${dir}questions.json`));
  const slugs = new Set(pages.map((p) => p.slug));
  for (const q of questions) {
    if (q.page !== null && !slugs.has(q.page)) {
      throw new Error(`${name}: "${q.q}" is labelled with unknown page ${q.page}`);
    }
  }
  return { ...meta, pages, questions };
}
