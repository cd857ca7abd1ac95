/**
 * Content sniffing for uploads: the bytes decide what a file is, the name only
 * breaks the tie between plain text and Markdown. A PDF renamed `.txt` is
 * still read as a PDF; an executable renamed `.md` is refused.
 *
 * @module
 */
import { unzipSync } from "fflate";
import { ValidationError } from "../lib/errors.ts";

/** What an upload was found to be. */
export type SniffedKind = "pdf" | "docx" | "html" | "markdown" | "text";

const SNIFF_BYTES = 8192;

function startsWith(bytes: Uint8Array, ascii: string, at = 0): boolean {
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

function unsupported(what: string): ValidationError {
  return new ValidationError(`Unsupported file type: ${what}. Upload PDF, DOCX, HTML, Markdown or plain text.`, {
    type: what,
  }, "unsupported_type");
}

/** True when the ZIP archive holds `word/document.xml` (reads the directory, inflates nothing). */
function isDocx(bytes: Uint8Array): boolean {
  let found = false;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (file.name === "word/document.xml") found = true;
        return false;
      },
    });
  } catch {
    return false;
  }
  return found;
}

/** Decodes text as UTF-8 (or UTF-16 with a byte-order mark); null when it is not text. */
export function decodeText(bytes: Uint8Array): string | null {
  if (startsWith(bytes, "\xff\xfe")) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (startsWith(bytes, "\xfe\xff")) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const head = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const b of head) {
    if (b === 0) return null; // text never holds NUL; binary formats nearly always do
    if ((b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13) || b === 0x7f) control++;
  }
  if (control > head.length / 100) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8 but free of control bytes: legacy Western text is the likely case.
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

const HTML_START = /^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body)[\s>]/i;
const MARKDOWN_HINTS = [/^#{1,6} \S/m, /^\s*[-*+] \S/m, /^\s*\d+\. \S/m, /\[[^\]]+\]\([^)]+\)/, /^```/m, /^>\s/m];

/** Decides what `bytes` are; refuses binary and unknown formats with `unsupported_type`. */
export function sniffKind(bytes: Uint8Array, filename = ""): { kind: SniffedKind; text?: string } {
  const pdfAt = new TextDecoder("latin1").decode(bytes.subarray(0, 1024)).indexOf("%PDF-");
  if (pdfAt >= 0) return { kind: "pdf" }; // the spec lets junk precede the header
  if (startsWith(bytes, "PK\x03\x04")) {
    if (isDocx(bytes)) return { kind: "docx" };
    throw unsupported("a ZIP archive (only .docx Word documents are read)");
  }
  if (startsWith(bytes, "\xd0\xcf\x11\xe0")) throw unsupported("a legacy Office file (save it as .docx)");
  const text = decodeText(bytes);
  if (text === null) throw unsupported("binary data");
  const body = text.replace(/^\ufeff/, "");
  if (HTML_START.test(body.slice(0, 4096))) return { kind: "html", text: body };
  const named = /\.(md|markdown|mdx)$/i.test(filename);
  const hints = MARKDOWN_HINTS.filter((re) => re.test(body)).length;
  // One hint (a "- " line) is common in plain text; a heading or two hints mean Markdown.
  const isMarkdown = named || /^#{1,6} \S/m.test(body) || hints >= 2;
  return { kind: isMarkdown ? "markdown" : "text", text: body };
}
