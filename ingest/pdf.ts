/**
 * PDF to text through `unpdf` (Mozilla's PDF.js, serverless build: no worker,
 * no canvas). Lines are rebuilt from positioned text items; lines set clearly
 * larger than the body text and short enough to be titles become `#` headings.
 *
 * @module
 */
import { extractTextItems, getDocumentProxy, getMeta } from "unpdf";

/** Text and metadata title of a PDF. */
export interface PdfText {
  title: string;
  text: string;
}

interface Line {
  text: string;
  size: number;
  y: number;
}

type Item = { str: string; y: number; fontSize: number; hasEOL: boolean };

/** Rebuilds visual lines: PDF.js gives runs of text with an end-of-line flag. */
function toLines(items: Item[]): Line[] {
  const lines: Line[] = [];
  let cur: Line | null = null;
  for (const item of items) {
    if (cur && Math.abs(cur.y - item.y) > cur.size / 2) cur = null; // moved to another baseline
    if (item.str) {
      if (!cur) lines.push(cur = { text: "", size: 0, y: item.y });
      cur.text += item.str;
      cur.size = Math.max(cur.size, item.fontSize);
    }
    if (item.hasEOL) cur = null;
  }
  return lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, " ").trim() })).filter((l) => l.text);
}

/** The font size most characters are set in: the body text. */
function bodySize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) weight.set(Math.round(l.size), (weight.get(Math.round(l.size)) ?? 0) + l.text.length);
  return [...weight].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

function pageToMarkdown(lines: Line[], body: number): string {
  const blocks: string[] = [];
  let para = "";
  let prev: Line | null = null;
  const flush = () => (para && blocks.push(para), para = "");
  for (const line of lines) {
    const heading = body > 0 && line.size >= body * 1.2 && line.text.length <= 120 && !/[.,;:]$/.test(line.text);
    if (heading) {
      flush();
      blocks.push(`${line.size >= body * 1.6 ? "#" : "##"} ${line.text}`);
    } else {
      // A gap of more than ~1.8 lines between baselines starts a new paragraph.
      if (prev && Math.abs(prev.y - line.y) > Math.max(line.size, body) * 1.8) flush();
      if (!para) para = line.text;
      else if (/[A-Za-z]-$/.test(para) && /^[a-z]/.test(line.text)) para = para.slice(0, -1) + line.text; // hyphenation
      else para += " " + line.text;
    }
    prev = line;
  }
  flush();
  return blocks.join("\n\n");
}

/** Extracts readable text from PDF bytes; throws on a damaged or encrypted file. */
export async function pdfToText(bytes: Uint8Array): Promise<PdfText> {
  // PDF.js may transfer (detach) the buffer it is given: hand it a copy.
  const doc = await getDocumentProxy(bytes.slice(), { verbosity: 0 }); // errors only: no console noise
  try {
    const { info } = await getMeta(doc);
    const { items } = await extractTextItems(doc);
    const pages = items.map(toLines);
    const body = bodySize(pages.flat());
    const text = pages.map((lines) => pageToMarkdown(lines, body)).filter(Boolean).join("\n\n");
    return { title: typeof info?.Title === "string" ? info.Title.trim() : "", text };
  } finally {
    await doc.loadingTask.destroy();
  }
}
