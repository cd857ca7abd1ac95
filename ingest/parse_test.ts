import assert from "node:assert/strict";
import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
} from "docx";
import { TextRun } from "docx";
import { strToU8, zipSync } from "fflate";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { ValidationError } from "../lib/errors.ts";
import { createIngestor } from "./mod.ts";

const ingestor = createIngestor({ allowLoopback: false });
const utf8 = (s: string) => new TextEncoder().encode(s);

async function refused(p: Promise<unknown>, code: string): Promise<void> {
  const e = await p.then(() => null, (e) => e);
  assert.ok(e instanceof ValidationError, `expected ValidationError ${code}, got ${e}`);
  assert.equal(e.code, code, e.message);
}

async function makePdf(title?: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  if (title) pdf.setTitle(title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const p1 = pdf.addPage([600, 800]);
  p1.drawText("Refunds", { x: 50, y: 740, size: 24, font: bold });
  p1.drawText("You can ask for a refund within 30 days of purchase. Refunds go back to the", {
    x: 50,
    y: 700,
    size: 12,
    font,
  });
  p1.drawText("original payment method within five business days.", { x: 50, y: 685, size: 12, font });
  p1.drawText("Store credit is available on request.", { x: 50, y: 650, size: 12, font });
  p1.drawText("Exchanges", { x: 50, y: 610, size: 16, font: bold });
  p1.drawText("Exchanges are free for unused items.", { x: 50, y: 585, size: 12, font });
  const p2 = pdf.addPage([600, 800]);
  p2.drawText("Shipping", { x: 50, y: 740, size: 24, font: bold });
  p2.drawText("We ship worldwide from Lisbon.", { x: 50, y: 700, size: 12, font });
  return await pdf.save();
}

const PDF_TEXT = `# Refunds

You can ask for a refund within 30 days of purchase. Refunds go back to the original payment method within five business days.

Store credit is available on request.

## Exchanges

Exchanges are free for unused items.

# Shipping

We ship worldwide from Lisbon.`;

Deno.test("a generated PDF parses to its text with pages joined and large lines as headings", async () => {
  const doc = await ingestor.parse(await makePdf("Acme Handbook"), "handbook.pdf");
  assert.deepEqual(doc, { title: "Refunds", text: PDF_TEXT, mediaType: "application/pdf" });
});

Deno.test("a PDF without headings takes its metadata title, else its file name", async () => {
  const flat = async (title?: string) => {
    const pdf = await PDFDocument.create();
    if (title) pdf.setTitle(title);
    pdf.addPage().drawText("Just one line of body text.", {
      size: 12,
      font: await pdf.embedFont(StandardFonts.Helvetica),
    });
    return await pdf.save();
  };
  assert.equal((await ingestor.parse(await flat("Price List 2026"), "x.pdf")).title, "Price List 2026");
  const untitled = await ingestor.parse(await flat(), "uploads/Price List.pdf");
  assert.deepEqual(untitled, {
    title: "Price List",
    text: "Just one line of body text.",
    mediaType: "application/pdf",
  });
});

Deno.test("a DOCX made by the docx package keeps headings, lists, tables and its title", async () => {
  const numbering = {
    config: [{
      reference: "steps",
      levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START }],
    }],
  };
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const d = new Document({
    title: "Support Handbook",
    numbering,
    sections: [{
      children: [
        new Paragraph({ text: "Shipping", heading: HeadingLevel.HEADING_1 }),
        new Paragraph({
          children: [new TextRun("We ship "), new TextRun({ text: "worldwide", bold: true }), new TextRun(" & fast.")],
        }),
        new Paragraph({ text: "Rates", heading: HeadingLevel.HEADING_2 }),
        new Paragraph({ text: "Standard: 5 days", bullet: { level: 0 } }),
        new Paragraph({ text: "Express: 1 day", bullet: { level: 0 } }),
        new Paragraph({ text: "Only in the EU", bullet: { level: 1 } }),
        new Paragraph({ text: "Open the order", numbering: { reference: "steps", level: 0 } }),
        new Table({
          rows: [
            new TableRow({ children: [cell("Zone"), cell("Price")] }),
            new TableRow({ children: [cell("EU"), cell("€5")] }),
          ],
        }),
        new Paragraph({ text: "Returns", heading: HeadingLevel.HEADING_1 }),
        new Paragraph("Return within 30 days."),
      ],
    }],
  });
  const doc = await ingestor.parse(new Uint8Array(await Packer.toArrayBuffer(d)), "handbook.docx");
  assert.equal(doc.mediaType, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  assert.equal(doc.title, "Shipping");
  assert.equal(
    doc.text,
    "# Shipping\n\nWe ship worldwide & fast.\n\n## Rates\n\n- Standard: 5 days\n- Express: 1 day\n  - Only in the EU\n" +
      "- Open the order\n\nZone | Price\nEU | €5\n\n# Returns\n\nReturn within 30 days.",
  );
});

/** A DOCX zipped by hand: a localised heading style id, tracked deletions, a text box with its fallback copy. */
function handmadeDocx(body: string, title = ""): Uint8Array {
  const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  return zipSync({
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types/>'),
    "word/document.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document ${w}><w:body>${body}</w:body></w:document>`,
    ),
    "word/styles.xml": strToU8(
      `<w:styles ${w}><w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/></w:style></w:styles>`,
    ),
    "docProps/core.xml": strToU8(`<cp:coreProperties><dc:title>${title}</dc:title></cp:coreProperties>`),
  });
}

Deno.test("a hand-zipped DOCX: style names decide headings, deleted and fallback text is skipped", async () => {
  const para = (text: string, style = "") =>
    `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}<w:r><w:t>${text}</w:t></w:r></w:p>`;
  const body = para("Opening hours", "Kop2") +
    `<w:p><w:r><w:t xml:space="preserve">Mon&#8211;Fri </w:t></w:r><w:del><w:r><w:delText>closed</w:delText></w:r></w:del>` +
    `<w:r><w:t>9&amp;5</w:t></w:r><w:r><w:tab/><w:t>CET</w:t></w:r></w:p>` +
    `<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent>${para("Boxed note")}</w:txbxContent></mc:Choice>` +
    `<mc:Fallback><w:txbxContent>${para("Boxed note")}</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>`;
  const doc = await ingestor.parse(handmadeDocx(body, "Store &amp; hours"), "hours.docx");
  assert.equal(doc.text, "## Opening hours\n\nMon–Fri 9&5 CET\n\nBoxed note");
  assert.equal(doc.title, "Store & hours", "no level-1 heading: the core-properties title");
});

Deno.test("HTML, Markdown and plain text parse with their titles", async () => {
  const html = `<!DOCTYPE html><html><head><title>Pricing | Acme</title></head><body><nav><a href="/">Home</a></nav>
    <main><h1>Pricing</h1><p>Basic is <b>$5</b> a month.</p><ul><li>Cancel anytime</li></ul></main>
    <footer>© Acme Inc.</footer></body></html>`;
  assert.deepEqual(await ingestor.parse(utf8(html), "pricing.html"), {
    title: "Pricing | Acme",
    text: "# Pricing\n\nBasic is $5 a month.\n\n- Cancel anytime",
    mediaType: "text/html",
  });
  const md = "Intro line.\r\n\r\n## Setup   \r\n\r\n\r\n\r\n1. Install\n2. Run\n";
  assert.deepEqual(await ingestor.parse(utf8(md), "guide.txt"), {
    title: "Setup",
    text: "Intro line.\n\n## Setup\n\n1. Install\n2. Run",
    mediaType: "text/markdown",
  });
  assert.equal(
    (await ingestor.parse(utf8("plain words"), "notes.md")).mediaType,
    "text/markdown",
    "the name breaks the tie",
  );
  assert.deepEqual(await ingestor.parse(utf8("Our office opens at nine.\nBring ID."), "C:\\docs\\office-hours.txt"), {
    title: "office-hours",
    text: "Our office opens at nine.\nBring ID.",
    mediaType: "text/plain",
  });
  assert.equal((await ingestor.parse(utf8("First line is the title\nthen more"))).title, "First line is the title");
});

Deno.test("legacy encodings and UTF-16 text are read", async () => {
  const latin1 = new Uint8Array([...utf8("Caf"), 0xe9, ...utf8(" ouvert")]);
  assert.equal((await ingestor.parse(latin1, "a.txt")).text, "Café ouvert");
  const utf16 = new Uint8Array([
    0xff,
    0xfe,
    ...new Uint8Array(new Uint16Array([...("Hi ✓")].map((c) => c.charCodeAt(0))).buffer),
  ]);
  assert.equal((await ingestor.parse(utf16, "b.txt")).text, "Hi ✓");
});

Deno.test("a renamed file is read as what its bytes are", async () => {
  assert.equal((await ingestor.parse(await makePdf(), "notes.txt")).mediaType, "application/pdf");
  const html = await ingestor.parse(utf8("<html><body><p>Hello</p></body></html>"), "report.pdf");
  assert.deepEqual([html.mediaType, html.text], ["text/html", "Hello"]);
  assert.equal((await ingestor.parse(handmadeDocx("<w:p><w:r><w:t>x</w:t></w:r></w:p>"), "a.zip")).text, "x");
});

Deno.test("binary data, other archives and legacy Office files are refused as unsupported", async () => {
  let seed = 7;
  const garbage = Uint8Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
  await refused(ingestor.parse(garbage, "data.txt"), "unsupported_type");
  await refused(
    ingestor.parse(new Uint8Array([0x89, ...utf8("PNG\r\n"), 0x1a, 0x0a, 0, 0, 0, 13]), "a.md"),
    "unsupported_type",
  );
  await refused(ingestor.parse(zipSync({ "notes.txt": strToU8("hi") }), "a.docx"), "unsupported_type");
  await refused(
    ingestor.parse(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "old.doc"),
    "unsupported_type",
  );
  await refused(ingestor.parse(utf8("%PDF-1.7\nnot really a pdf"), "broken.pdf"), "unreadable_document");
});

Deno.test("oversize and empty documents are refused", async () => {
  await refused(
    createIngestor({ allowLoopback: false, maxDocumentBytes: 1000 }).parse(new Uint8Array(1001).fill(65)),
    "too_large",
  );
  await refused(ingestor.parse(new Uint8Array(10 * 1024 * 1024 + 1).fill(65), "big.txt"), "too_large");
  await refused(ingestor.parse(utf8("  \n\n\t "), "blank.txt"), "empty_document");
  await refused(ingestor.parse(utf8("<!doctype html><nav>Menu</nav><script>x()</script>")), "empty_document");
  await refused(ingestor.parse(new Uint8Array(0)), "empty_document");
});
