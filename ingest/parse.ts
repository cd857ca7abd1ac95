/**
 * Uploaded bytes to a `ParsedDocument`: size check, type sniffed from the
 * content, the matching reader, a tidy-up, and a title from the document
 * itself when it has one.
 *
 * @module
 */
import { AppError, ValidationError } from "../lib/errors.ts";
import type { ParsedDocument } from "../models/ports/ingestor.ts";
import { docxToText } from "./docx.ts";
import { readHtml } from "./html.ts";
import { pdfToText } from "./pdf.ts";
import { sniffKind } from "./sniff.ts";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document" as const;

/** Unix line ends, no trailing spaces, at most one blank line in a row. */
function tidyText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim();
}

/** `docs/Refund Policy.v2.pdf` -> `Refund Policy.v2`. */
function nameTitle(filename = ""): string {
  const base = filename.split(/[\\/]/).pop() ?? "";
  return base.replace(/\.[A-Za-z0-9]{1,5}$/, "").trim();
}

const firstHeading = (text: string, level = "#{1,6}") => new RegExp(`^${level} +(.+)$`, "m").exec(text)?.[1].trim();

async function readAs<T>(what: string, read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof AppError) throw e;
    // Damaged, encrypted or truncated files: say so instead of a 500.
    throw new ValidationError(`The ${what} could not be read; it may be damaged or password-protected.`, {
      cause: e instanceof Error ? e.message.slice(0, 200) : String(e),
    }, "unreadable_document");
  }
}

/** Parses an upload; throws `ValidationError` (`too_large`, `unsupported_type`, `empty_document`, ...). */
export async function parseDocument(bytes: Uint8Array, filename: string | undefined, maxBytes: number) {
  if (bytes.byteLength > maxBytes) {
    const mb = Math.round(maxBytes / 1024 / 1024 * 10) / 10;
    throw new ValidationError(`The file is larger than ${mb} MB.`, { maxBytes, size: bytes.byteLength }, "too_large");
  }
  const sniffed = sniffKind(bytes, filename);
  let doc: Omit<ParsedDocument, "title"> & { title?: string };
  if (sniffed.kind === "pdf") {
    const pdf = await readAs("PDF", () => pdfToText(bytes));
    // Guessed headings first: PDF metadata titles are often stale ("Microsoft Word - Doc1").
    doc = { text: pdf.text, title: firstHeading(pdf.text, "#") || pdf.title, mediaType: "application/pdf" };
  } else if (sniffed.kind === "docx") {
    const docx = await readAs("Word document", () => docxToText(bytes));
    doc = { text: docx.text, title: firstHeading(docx.text, "#") || docx.title, mediaType: DOCX };
  } else if (sniffed.kind === "html") {
    const page = readHtml(sniffed.text!);
    doc = { text: page.text, title: page.title, mediaType: "text/html" };
  } else {
    const type = sniffed.kind === "markdown" ? "text/markdown" : "text/plain";
    doc = { text: sniffed.text!, mediaType: type };
  }
  const text = tidyText(doc.text);
  if (!text) throw new ValidationError("No readable text was found in the file.", { filename }, "empty_document");
  const title = doc.title || firstHeading(text) || nameTitle(filename) || text.split("\n")[0].slice(0, 80).trim();
  return { title, text, mediaType: doc.mediaType } satisfies ParsedDocument;
}
