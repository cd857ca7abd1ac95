/**
 * What the webhook tests share: an app with a workspace admin, a local
 * receiver, and helpers to subscribe it, make events and read the log.
 *
 * @module
 */
import { createApp } from "../../app.ts";
import { ManualClock } from "../../lib/clock.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../fakes/webhook_receiver.ts";
import { call, makeTestDeps, signUp, type TestContext } from "../helpers.ts";

/** A test app, a clock the test moves, an admin, a receiver. */
export interface HookSetup extends TestContext {
  app: ReturnType<typeof createApp>;
  clock: ManualClock;
  admin: { cookie: string; user: { id: string; workspaceId: string; email: string } };
  receiver: WebhookReceiver;
  /** Subscribes the receiver; returns the webhook JSON and its secret. */
  subscribe(
    body?: Record<string, unknown>,
  ): Promise<{ webhook: { id: string } & Record<string, unknown>; secret: string }>;
  /** Makes an `agent.created` event (creates an agent) and waits until its deliveries are attempted. */
  agentCreated(name?: string): Promise<string>;
  /** Moves the clock and lets whatever became due be attempted. */
  advance(ms: number): Promise<void>;
  deliveries(webhookId: string): Promise<Array<Record<string, unknown> & { id: string; status: string }>>;
  close(): Promise<void>;
}

/** Builds the setup; `env` adds configuration. */
export async function hookSetup(env: Record<string, string> = {}): Promise<HookSetup> {
  const clock = new ManualClock(Date.now());
  const ctx = await makeTestDeps({ clock, env });
  const app = createApp(ctx.deps);
  const admin = await signUp(app, { email: `admin-${crypto.randomUUID().slice(0, 8)}@hooks.test` });
  const receiver = await startWebhookReceiver();
  const settle = async () => {
    ctx.deps.webhookDeliveries?.wake();
    await ctx.ai.idle();
  };
  return {
    ...ctx,
    app,
    clock,
    admin,
    receiver,
    async subscribe(body = {}) {
      const res = await call(app, "POST", "/api/webhooks", {
        cookie: admin.cookie,
        body: { url: receiver.url, ...body },
      });
      if (res.status !== 201) throw new Error(`subscribe: ${res.status} ${await res.text()}`);
      return await res.json();
    },
    async agentCreated(name = "Bot") {
      const res = await call(app, "POST", "/api/agents", { cookie: admin.cookie, body: { name } });
      if (res.status !== 201) throw new Error(`agent: ${res.status} ${await res.text()}`);
      await settle();
      return (await res.json()).agent.id;
    },
    async advance(ms) {
      clock.advance(ms);
      await settle();
    },
    async deliveries(id) {
      const res = await call(app, "GET", `/api/webhooks/${id}/deliveries`, { cookie: admin.cookie });
      if (res.status !== 200) throw new Error(`deliveries: ${res.status} ${await res.text()}`);
      return (await res.json()).deliveries;
    },
    async close() {
      await receiver.close();
      await ctx.cleanup();
    },
  };
}
