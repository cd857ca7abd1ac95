import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { AgentHeader, agentTabUrl } from "./AgentHeader.tsx";
import { isHexColor, textOn } from "./color.ts";
import { ProgressBar } from "./ProgressBar.tsx";
import { WidgetPreview } from "./WidgetPreview.tsx";

const preview = {
  id: "p",
  primaryColor: "#0d9488",
  position: "left" as const,
  title: "Ask <us>",
  subtitle: "Fast replies",
  welcomeMessage: "Hello!",
  isActive: true,
};

Deno.test("WidgetPreview paints the launcher in the chosen colour and corner and escapes the texts", () => {
  const html = render(<WidgetPreview {...preview} />);
  assert.match(
    html,
    /class="absolute bottom-4 left-4[^"]*" style="background:#0d9488;color:#000000;" data-part="launcher"/,
  );
  assert.match(html, /Ask &lt;us>/);
  assert.match(html, /Hello!/);
  assert.match(html, /Bottom left of your site/);
  const fallback = render(<WidgetPreview {...preview} primaryColor="blue" position="right" isActive={false} />);
  assert.match(fallback, /bottom-4 right-4[^"]*" style="background:#4f46e5/);
  assert.match(fallback, /Hidden on your site while inactive/);
});

Deno.test("textOn picks dark text on light colours and white on dark ones", () => {
  assert.equal(textOn("#fde047"), "#000000");
  assert.equal(textOn("#4f46e5"), "#ffffff");
  assert.equal(isHexColor("#ABCdef"), true);
  assert.equal(isHexColor("#abc"), false);
});

Deno.test("ProgressBar is a named progressbar with its value, or indeterminate before the total is known", () => {
  const known = render(<ProgressBar label="Progress of Site" done={3} total={10} unit="pages" />);
  assert.match(
    known,
    /role="progressbar" aria-label="Progress of Site" aria-valuemin="0" aria-valuemax="10" aria-valuenow="3"/,
  );
  assert.match(known, /aria-valuetext="3 of 10 pages"/);
  assert.match(known, /width:30%/);
  const waiting = render(<ProgressBar label="Progress of Site" done={0} total={0} unit="pages" />);
  assert.doesNotMatch(waiting, /aria-valuenow/);
  assert.match(waiting, /aria-valuetext="Waiting to start…"/);
});

Deno.test("AgentHeader links every tab and marks only the current one", () => {
  const html = render(
    <AgentHeader id="abc" name="Helper" description="" provider="lyzr" isActive={false} current="playground" />,
  );
  assert.equal(agentTabUrl("abc", "knowledge"), "/agents/abc/knowledge");
  assert.match(html, /href="\/agents\/abc\/playground" aria-current="page"/);
  assert.equal(html.match(/aria-current/g)?.length, 1);
  assert.match(html, />Lyzr</);
  assert.match(html, />Inactive</);
});
