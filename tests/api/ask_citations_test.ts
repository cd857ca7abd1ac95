import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { startOpenAiFake } from "../fakes/openai_fake.ts";
import { layout, startFakeSite } from "../fakes/site_server.ts";
import { call, makeTestDeps, readSse, signUp } from "../helpers.ts";

const page = (title: string, body: string) => () =>
  new Response(layout(title, `<h1>${title}</h1><p>${body}</p>`), { headers: { "content-type": "text/html" } });

Deno.test("an LLM provider's passage markers are mapped back to the pages of a crawled site, one citation per page", async () => {
  await using site = startFakeSite({
    "/": page("Help", `<a href="/email">Change your email</a> <a href="/billing">Billing</a>`),
    "/email": page("Change your email address", "Open Settings, click the pencil next to your email and confirm."),
    "/billing": page("Billing", "Invoices are emailed on the first day of each month."),
  });
  const fake = startOpenAiFake();
  const t = await makeTestDeps();
  try {
    const app = createApp(t.deps);
    const a = await signUp(app, { email: "admin@a.test" });
    const { agent } = await (await call(app, "POST", "/api/agents", {
      cookie: a.cookie,
      body: { name: "Bot", provider: "openai" },
    })).json();
    await call(app, "POST", `/api/agents/${agent.id}/train`, {
      cookie: a.cookie,
      body: { type: "website", content: `${site.origin}/` },
    });
    await t.runner.idle();
    // The key after training: no embeddings, so every scripted reply goes to a chat completion.
    await call(app, "PUT", "/api/settings/providers/openai", {
      cookie: a.cookie,
      body: { apiKey: "sk-test-openai", baseUrl: fake.url },
    });
    const ask = async (message: string) => {
      const res = await call(app, "POST", `/api/agents/${agent.id}/ask`, { cookie: a.cookie, body: { message } });
      return (await readSse(res)).find((e) => e.event === "done")!.data as {
        text: string;
        citations: Array<{ title: string; url?: string }>;
      };
    };
    // Which marker is which page: read the prompt the provider was sent.
    fake.script([{ kind: "ok", text: "Open Settings and click the pencil [S1]." }]);
    await ask("how do I change my email and when are invoices sent?");
    const system = (fake.requests.at(-1)!.body as { messages: Array<{ content: string }> }).messages[0].content;
    const marker = (path: string) => {
      const at = system.indexOf(`url: ${site.origin}${path}`);
      return system.slice(0, at).match(/<source id="(S\d+)">/g)!.at(-1)!.match(/S\d+/)![0];
    };
    const email = marker("/email"), billing = marker("/billing");

    fake.script([{
      kind: "ok",
      text: `Click the pencil next to your email [${email}]. Invoices come monthly [${billing}].`,
    }]);
    const both = await ask("how do I change my email and when are invoices sent?");
    assert.equal(both.text, "Click the pencil next to your email. Invoices come monthly.");
    assert.deepEqual(
      both.citations.map((c) => [c.title, c.url]),
      [["Change your email address", `${site.origin}/email`], ["Billing", `${site.origin}/billing`]],
    );
    fake.script([{ kind: "ok", text: `Click the pencil [${email}] and confirm [${email}].` }]);
    const one = await ask("how do I change my email?");
    assert.deepEqual(one.citations.map((c) => c.url), [`${site.origin}/email`]);
  } finally {
    await t.cleanup();
    await fake.close();
  }
});
