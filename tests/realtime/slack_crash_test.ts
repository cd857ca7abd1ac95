/**
 * Slack posts survive a crash, exactly once: the server is killed with SIGKILL while Slack (the local
 * stand-in) holds the post it was just sent and before the server has its answer, so before the listener
 * could keep the alert's link or move its checkpoint; then it starts again on the same DATA_DIR and the
 * listener handles the event again. The alert, and then a reply mirrored into its thread, are each in Slack
 * once: the retry finds the lost post by its metadata (`conversations.history` / `conversations.replies`).
 *
 * @module
 */
import assert from "node:assert/strict";
import { type SlackMessage, startSlackFake } from "../fakes/slack_fake.ts";
import { AppProcess, freePort, listenersSettled, registerAdmin } from "./app_process.ts";

const SLACK_LISTENERS = ["slack", "slack_replies"];

Deno.test("kill -9 between Slack's chat.postMessage and the listener's checkpoint: the alert and a mirrored reply are posted once", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "frontdesk-slack-crash-" });
  const slack = startSlackFake();
  const app = new AppProcess(freePort(), dataDir, { SLACK_API_URL: slack.url });
  /** Kills the server when Slack holds the next post `which` picks, before the server reads its answer. */
  const killOnPost = (which: (m: SlackMessage) => boolean) =>
    new Promise<void>((resolve) => {
      slack.onPost = async (m) => {
        if (!which(m)) return;
        slack.onPost = null;
        await app.kill("SIGKILL");
        resolve();
      };
    });
  try {
    await app.start();
    const { api } = await registerAdmin(app, { email: "admin@slack-crash.test" });
    await api("PUT", "/api/integrations/slack", {
      botToken: slack.botToken,
      signingSecret: "8f742231b10e8888abcd99aa85a5e0f1",
      channelId: "C0SUPPORT",
      mode: "two_way",
    });
    const agent = (await api("POST", "/api/agents", { name: "Bot" })).agent;
    const alerts = () => slack.messages.filter((m) => m.channel === "C0SUPPORT" && !m.thread_ts);

    // A new ticket posts the alert; the server dies with the post in Slack and its answer unread.
    const alertKilled = killOnPost((m) => !m.thread_ts);
    const { ticket } = await api("POST", "/api/tickets", {
      title: "Order 1042 arrived damaged",
      customerEmail: "grace@customer.test",
      agentId: agent.id,
    });
    await alertKilled;
    assert.equal(alerts().length, 1);
    const callsBefore = slack.calls.length;

    await app.start();
    await listenersSettled(app, SLACK_LISTENERS);
    assert.equal(alerts().length, 1, `one alert after the restart:\n${app.output}`);
    const after = slack.calls.slice(callsBefore).map((c) => c.method);
    assert.ok(after.includes("conversations.history"), `the retry looked for the lost alert: ${after}`);
    assert.ok(!after.includes("chat.postMessage"), "and did not post it again");

    // A reply written in Frontdesk is mirrored into the alert's thread; the server dies the same way.
    const replyKilled = killOnPost((m) => !!m.thread_ts);
    await api("POST", `/api/tickets/${ticket.id}/messages`, { content: "We are sending a new one today." });
    await replyKilled;
    await app.start();
    await listenersSettled(app, SLACK_LISTENERS);
    const inThread = () => slack.messages.filter((m) => m.thread_ts === alerts()[0].ts);
    assert.equal(inThread().length, 1, "the reply mirrored once");
    assert.ok(slack.calls.some((c) => c.method === "conversations.replies"));

    // The alert is the conversation's: a later change edits it rather than posting another.
    await api("PUT", `/api/tickets/${ticket.id}`, { priority: "high" });
    await listenersSettled(app, SLACK_LISTENERS);
    assert.equal(alerts().length, 1);
    assert.ok(alerts()[0].edits >= 1, "the adopted alert is edited");

    // And after one more restart, still nothing twice.
    await app.kill("SIGTERM");
    await app.start();
    await listenersSettled(app, SLACK_LISTENERS);
    assert.equal(alerts().length, 1);
    assert.equal(inThread().length, 1);
  } finally {
    slack.onPost = null;
    await app.stop();
    await slack.close();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
