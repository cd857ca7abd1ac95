import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { call, makeTestDeps, signUp } from "../../tests/helpers.ts";
import type { User } from "../accounts/user.ts";
import { staffSend, visitorSend } from "./chat.ts";
import {
  conversationVisitor,
  publicSeqOf,
  seqOfPublicSeq,
  staffConversations,
  visitorConversations,
} from "./finders.ts";
import { startWidgetSession } from "./visitors.ts";

Deno.test("finders: a conversation's visitor, a visitor's conversations, and seqs to public seqs and back", async () => {
  const ctx = await makeTestDeps();
  try {
    const app = createApp(ctx.deps);
    const admin = await signUp(app, { email: "admin@a.test" });
    const { agent } = await (await call(app, "POST", "/api/agents", { cookie: admin.cookie, body: { name: "Bot" } }))
      .json();
    const { visitor } = await startWidgetSession(ctx.deps, { agentId: agent.id });
    const { conversation } = await visitorSend(ctx.deps, visitor, { clientId: "client-000001", text: "hello" });
    await ctx.ai.idle();
    const user = (await ctx.deps.store.users.get(admin.user.workspaceId, admin.user.id)) as User;
    const note = await staffSend(ctx.deps, user, conversation.id, {
      clientId: "client-000002",
      text: "internal",
      internal: true,
    });
    const reply = await staffSend(ctx.deps, user, conversation.id, { clientId: "client-000003", text: "hi" });

    assert.equal((await conversationVisitor(ctx.deps, conversation))?.id, visitor.id);
    assert.deepEqual((await visitorConversations(ctx.deps, visitor)).map((c) => c.id), [conversation.id]);
    const unknown = "f".repeat(24);
    assert.deepEqual(
      (await staffConversations(ctx.deps, user, [unknown, conversation.id])).map((c) => c.id),
      [conversation.id],
    );
    const stranger = { ...user, workspaceId: unknown };
    assert.deepEqual(await staffConversations(ctx.deps, stranger, [conversation.id]), [], "another workspace's id");
    // The internal note takes no public seq; the reply's maps back to its seq.
    const publicOf = (seq: number) => publicSeqOf(ctx.deps, conversation.workspaceId, conversation.id, seq);
    const beforeNote = await publicOf(note.message.seq - 1);
    assert.equal(await publicOf(note.message.seq), beforeNote);
    const replyPublic = reply.message.publicSeq!;
    assert.ok(replyPublic > beforeNote);
    assert.equal(await publicOf(reply.message.seq), replyPublic);
    assert.equal(await seqOfPublicSeq(ctx.deps, conversation, replyPublic), reply.message.seq);
  } finally {
    await ctx.cleanup();
  }
});
