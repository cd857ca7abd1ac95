import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { Island, IslandsContext, IslandScripts, serializeProps } from "./Island.tsx";

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

Deno.test("serializeProps escapes < and line separators so props cannot close the script tag", () => {
  const json = serializeProps({ text: "</script><script>alert(1)</script>", sep: "a\u2028b" });
  assert.ok(!json.includes("<"));
  assert.ok(!json.includes("\u2028"));
  assert.deepEqual(JSON.parse(json), { text: "</script><script>alert(1)</script>", sep: "a\u2028b" });
});

Deno.test("Island server-renders the component after its JSON props and IslandScripts loads its bundle once", () => {
  const islands = new Set<string>();
  const html = render(
    <IslandsContext.Provider value={islands}>
      <Island name="Greeting" component={Greeting} props={{ name: "<Ada>" }} />
      <Island name="Greeting" component={Greeting} props={{ name: "Grace" }} />
      <IslandScripts />
    </IslandsContext.Provider>,
  );
  assert.deepEqual([...islands], ["Greeting"]);
  assert.ok(html.startsWith(
    '<script type="application/json" data-island-props="Greeting">{"name":"\\u003cAda>"}</script>' +
      '<div data-island="Greeting"><p>Hello &lt;Ada></p></div>',
  ));
  assert.equal(html.match(/<script type="module" src="\/static\/build\/islands\/Greeting.js"><\/script>/g)?.length, 1);
});

Deno.test("Island refuses to render outside an IslandsContext (its bundle would never load)", () => {
  assert.throws(() => render(<Island name="Greeting" component={Greeting} props={{ name: "x" }} />), /IslandsContext/);
});
