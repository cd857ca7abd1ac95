/**
 * A small Markdown-to-HTML renderer for the evaluation's help-centre pages:
 * headings, paragraphs, ordered and bulleted lists (nested by indentation),
 * fenced code, inline code, bold, italics, links and `<kbd>`. Enough for the
 * articles in `eval/sets/`, not a general renderer.
 *
 * @module
 */

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function inline(text: string): string {
  const parts = text.split(/(`[^`]+`)/g);
  return parts.map((p) =>
    p.startsWith("`") && p.endsWith("`") && p.length > 1 ? `<code>${escape(p.slice(1, -1))}</code>` : escape(p)
      .replace(/&lt;(\/?)kbd&gt;/g, "<$1kbd>")
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
      .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
      .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>")
  ).join("");
}

const ITEM = /^(\s*)([-*]|\d+\.)\s+(.*)$/;

/** Renders one article's Markdown body. */
export function markdownToHtml(md: string): string {
  const lines = md.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push(`<p>${inline(para.join(" "))}</p>`);
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^```/.test(line)) {
      flush();
      const body: string[] = [];
      while (++i < lines.length && !/^```/.test(lines[i])) body.push(lines[i]);
      out.push(`<pre><code>${escape(body.join("\n"))}</code></pre>`);
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      flush();
      out.push(`<h${h[1].length}>${inline(h[2])}</h${h[1].length}>`);
      continue;
    }
    if (ITEM.test(line)) {
      flush();
      const items: { depth: number; ordered: boolean; text: string }[] = [];
      while (i < lines.length && (ITEM.test(lines[i]) || (/^\s+\S/.test(lines[i]) && items.length))) {
        const m = ITEM.exec(lines[i]);
        if (m) items.push({ depth: Math.floor(m[1].length / 2), ordered: /\d/.test(m[2]), text: m[3] });
        else items[items.length - 1].text += " " + lines[i].trim();
        i++;
      }
      i--;
      out.push(renderList(items, 0, { at: 0 }));
      continue;
    }
    if (!line.trim()) flush();
    else para.push(line.trim());
  }
  flush();
  return out.join("\n");
}

function renderList(
  items: { depth: number; ordered: boolean; text: string }[],
  depth: number,
  pos: { at: number },
): string {
  const tag = items[pos.at].ordered ? "ol" : "ul";
  let html = `<${tag}>`;
  while (pos.at < items.length && items[pos.at].depth >= depth) {
    const item = items[pos.at];
    if (item.depth > depth) {
      html = html.replace(/<\/li>$/, "") + renderList(items, item.depth, pos) + "</li>";
      continue;
    }
    html += `<li>${inline(item.text)}</li>`;
    pos.at++;
  }
  return html + `</${tag}>`;
}
