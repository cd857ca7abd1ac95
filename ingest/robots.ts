/**
 * robots.txt as RFC 9309 reads it: groups of `User-agent` lines with their
 * `Allow`/`Disallow` rules; the group naming our product token wins, else `*`;
 * the longest matching rule decides (Allow on a tie); `*` matches any run of
 * characters and a final `$` anchors the end. `Sitemap:` lines are global.
 *
 * @module
 */

/** Our product token in robots.txt and in the User-Agent header. */
export const BOT_NAME = "FrontdeskBot";

/** The rules that apply to us, plus the sitemaps the file lists. */
export interface Robots {
  isAllowed(url: URL): boolean;
  sitemaps: string[];
}

interface Rule {
  allow: boolean;
  pattern: string;
  regex: RegExp;
}

function compile(pattern: string): RegExp {
  const anchored = pattern.endsWith("$");
  const body = (anchored ? pattern.slice(0, -1) : pattern).split("*").map((part) =>
    // Compare in percent-encoded form, as URLs are serialised.
    encodeURI(decodeSafe(part)).replace(/[.+?^${}()|[\]\\]/g, "\\$&")
  ).join(".*");
  return new RegExp(`^${body}${anchored ? "$" : ""}`);
}

function decodeSafe(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

/** Allows everything: no robots.txt (4xx), per RFC 9309. */
export const ALLOW_ALL: Robots = { isAllowed: () => true, sitemaps: [] };

/** Parses robots.txt for the agent `token` (matched case-insensitively). */
export function parseRobots(text: string, token = BOT_NAME): Robots {
  const groups: { agents: string[]; rules: Rule[] }[] = [];
  const sitemaps: string[] = [];
  let current: { agents: string[]; rules: Rule[] } | null = null;
  let lastWasAgent = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*/, "").trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase(), value = m[2].trim();
    if (key === "sitemap") {
      if (value) sitemaps.push(value);
    } else if (key === "user-agent") {
      // Consecutive User-agent lines share one group.
      if (!lastWasAgent || !current) groups.push(current = { agents: [], rules: [] });
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    } else if ((key === "allow" || key === "disallow") && current && value) {
      current.rules.push({ allow: key === "allow", pattern: value, regex: compile(value) });
    }
    lastWasAgent = false;
  }
  const me = token.toLowerCase();
  const mine = groups.filter((g) => g.agents.includes(me));
  const rules = (mine.length ? mine : groups.filter((g) => g.agents.includes("*"))).flatMap((g) => g.rules);
  return {
    sitemaps,
    isAllowed(url: URL): boolean {
      const path = url.pathname + url.search;
      if (url.pathname === "/robots.txt") return true;
      let best: Rule | null = null;
      for (const rule of rules) {
        if (!rule.regex.test(path)) continue;
        const longer = !best || rule.pattern.length > best.pattern.length;
        if (longer || (rule.pattern.length === best!.pattern.length && rule.allow)) best = rule;
      }
      return best?.allow ?? true;
    },
  };
}
