/**
 * DOCX to Markdown-ish text: unzip with `fflate`, then one pass over
 * `word/document.xml` (WordprocessingML is machine-written and regular, so a
 * tag tokenizer is enough). Heading styles (by name in `styles.xml`, by id, or
 * by outline level) become `#` lines, numbered/bulleted paragraphs `- ` items,
 * table rows `a | b` lines. Deleted (tracked) text and fallback copies of
 * drawings are skipped.
 *
 * @module
 */
import { unzipSync } from "fflate";
import { ValidationError } from "../lib/errors.ts";
import { decodeXml } from "./xml.ts";

/** Text and core-properties title of a DOCX file. */
export interface DocxText {
  title: string;
  text: string;
}

// Declared sizes of the parts we inflate; a larger declaration is a zip bomb or not a document.
const MAX_PART_BYTES = 64 * 1024 * 1024;
const PARTS = ["word/document.xml", "word/styles.xml", "docProps/core.xml"];

const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];

/** Heading level per paragraph style id, from the style names Word shows ("heading 2", "Title"). */
function headingStyles(xml: string): Map<string, number> {
  const levels = new Map<string, number>();
  for (const [, open, inner] of xml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const id = attr(open, "w:styleId");
    const name = (attr(/<w:name\b[^>]*>/.exec(inner)?.[0] ?? "", "w:val") ?? "").toLowerCase();
    const outline = attr(/<w:outlineLvl\b[^>]*>/.exec(inner)?.[0] ?? "", "w:val");
    const level = name === "title" ? 1 : /^heading (\d)$/.exec(name)?.[1] ?? (outline ? Number(outline) + 1 : 0);
    if (id && Number(level) >= 1 && Number(level) <= 6) levels.set(id, Number(level));
  }
  return levels;
}

interface Para {
  text: string;
  level: number;
  list: number; // -1 when not a list item, else the nesting level
}

const TOKEN = /<(\/?)([\w:.-]+)((?:"[^"]*"|'[^']*'|[^'">])*?)(\/?)>|<[!?][^>]*>|([^<]+)/g;

// Documents written without a styles part still use Word's built-in style ids.
function styleLevel(id: string, styles: Map<string, number>): number {
  return styles.get(id) ?? Number(/^Heading([1-6])$/i.exec(id)?.[1] ?? (id === "Title" ? 1 : 0));
}

function documentToMarkdown(xml: string, styles: Map<string, number>): string {
  const blocks: string[] = [];
  const paras: Para[] = []; // a stack: text boxes nest paragraphs inside paragraphs
  let inText = false, fallback = 0, tableDepth = 0, cell = "", row: string[] = [], rows: string[] = [];
  const emit = (p: Para | undefined) => {
    const text = p?.text.replace(/\s+/g, " ").trim();
    if (!p || !text) return;
    if (tableDepth > 0) cell += (cell ? " " : "") + text;
    else if (p.level) blocks.push(`${"#".repeat(p.level)} ${text}`);
    else if (p.list >= 0) blocks.push(`${"  ".repeat(p.list)}- ${text}`);
    else blocks.push(text);
  };
  for (const [, close, name, attrs, selfClose, text] of xml.matchAll(TOKEN)) {
    const p = paras.at(-1);
    const opening = !close && !selfClose;
    if (text !== undefined) {
      if (inText && !fallback && p) p.text += decodeXml(text);
      continue;
    }
    switch (name) {
      case "mc:Fallback": // the same drawing again, for old readers
        if (!selfClose) fallback += close ? -1 : 1;
        break;
      case "w:t":
        inText = opening;
        break;
      case "w:p":
        if (opening) paras.push({ text: "", level: 0, list: -1 });
        else if (close) emit(paras.pop());
        break;
      case "w:tab":
      case "w:br":
      case "w:cr":
        if (p && !fallback) p.text += " ";
        break;
      case "w:pStyle": {
        const id = attr(attrs, "w:val") ?? "";
        if (p) p.level = styleLevel(id, styles) || p.level;
        if (p && /^List(Bullet|Number)/i.test(id) && p.list < 0) p.list = 0;
        break;
      }
      case "w:outlineLvl": { // 0-5 are heading levels 1-6; 9 means body text
        const level = Number(attr(attrs, "w:val"));
        if (p && !p.level && level < 6) p.level = level + 1;
        break;
      }
      case "w:numPr":
        if (p && p.list < 0) p.list = 0;
        break;
      case "w:ilvl":
        if (p) p.list = Number(attr(attrs, "w:val") ?? 0);
        break;
      case "w:tbl":
        tableDepth += close ? -1 : opening ? 1 : 0;
        if (close && tableDepth === 0 && rows.length) blocks.push(rows.join("\n"));
        if (close && tableDepth === 0) rows = [];
        break;
      case "w:tc":
        if (close && tableDepth === 1) row.push(cell), cell = "";
        break;
      case "w:tr":
        if (close && tableDepth === 1 && row.some(Boolean)) rows.push(row.join(" | "));
        if (close && tableDepth === 1) row = [];
        break;
    }
  }
  // The items of one list stay together as one block.
  return blocks.join("\n\n").replace(/^( *- .*)\n\n(?= *- )/gm, "$1\n");
}

/** Extracts text from DOCX bytes. */
export function docxToText(bytes: Uint8Array): DocxText {
  const files = unzipSync(bytes, {
    filter: (f) => {
      if (!PARTS.includes(f.name)) return false;
      if (f.originalSize > MAX_PART_BYTES) {
        throw new ValidationError("The document is too large once unpacked.", { part: f.name }, "too_large");
      }
      return true;
    },
  });
  const read = (name: string) => files[name] ? new TextDecoder().decode(files[name]) : "";
  const styles = headingStyles(read("word/styles.xml"));
  const text = documentToMarkdown(read("word/document.xml"), styles);
  const title = decodeXml(/<dc:title>([\s\S]*?)<\/dc:title>/.exec(read("docProps/core.xml"))?.[1] ?? "").trim();
  return { title, text };
}
