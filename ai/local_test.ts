import assert from "node:assert/strict";
import type { GenerateRequest, Passage } from "../models/ports/ai_provider.ts";
import { citationsFromAnswer } from "../models/answers/prompt.ts";
import { CLARIFY, localAnswer, localConfidence, localProvider, NO_ANSWER } from "./local.ts";
import { KB, page, retrieve } from "./local_testdata.ts";
import { headCoverage, sentenceAlignment } from "./local_confidence.ts";
import { focusPage } from "./local_answer.ts";

function request(question: string, passages: Passage[] = retrieve(question), extra: Partial<GenerateRequest> = {}) {
  return {
    model: "",
    temperature: 0,
    maxTokens: 800,
    system: "",
    messages: [{ role: "user" as const, content: question }],
    question,
    passages,
    sessionId: "s",
    userId: "u",
    ...extra,
  };
}

async function collect(question: string, passages?: Passage[], extra?: Partial<GenerateRequest>) {
  const chunks: string[] = [];
  for await (const chunk of localProvider().stream(request(question, passages, extra))) chunks.push(chunk);
  return { chunks, text: chunks.join("") };
}

/** Paraphrased questions and the facts their answer must carry. */
const CASES: [string, RegExp[]][] = [
  ["Can I get a refund for an unused item?", [/within 30 days of delivery/]],
  ["How do I get my money back?", [/refund/i]],
  ["Where is my parcel?", [/tracking number/]],
  ["how long until refunds show up on my card", [/5-10 business days/]],
  ["How long does shipping take?", [/3-5 business days/, /Express shipping delivers in 1-2 business days/]],
  ["Do you ship internationally?", [/International orders usually arrive in 7-14 business days/]],
  ["what does express delivery cost", [/\$14\.99/]],
  ["I forgot my password", [
    /Forgot password/,
    /\n- Enter the email address of your account\./,
    /choose a new password/,
  ]],
  ["When are you open?", [/Monday to Friday, 9 a\.m\. to 6 p\.m\. Eastern Time/]],
  ["How much is Acme Plus?", [/\$9 per month or \$90 per year/]],
  ["can i cancel my membership", [/cancel your membership at any time/]],
  ["Which payment methods do you accept?", [/Visa, Mastercard/]],
  ["How do I return an item?", [/1\. Sign in and open \*\*Orders\*\*\.\n2\. .*\n3\. Print the prepaid label/]],
  ["Where can I find my tracking number?", [/email you a tracking number/]],
  ["How do I delete my account?", [/Account > Privacy > Delete account/]],
  ["Is there a warranty on electronics?", [/2-year manufacturer warranty/]],
  ["Do gift cards expire?", [/never expire/]],
];

Deno.test("the local responder answers paraphrased questions with the right facts", () => {
  for (const [question, facts] of CASES) {
    const passages = retrieve(question);
    const answer = localAnswer(question, passages);
    for (const fact of facts) assert.match(answer, fact, `${question} -> ${answer}`);
    assert.ok(
      localConfidence(question, passages) >= 0.35,
      `${question}: confidence ${localConfidence(question, passages)}`,
    );
  }
});

Deno.test("answers quote the knowledge base cleanly: no markers, no headings, no dangling bullets", () => {
  for (const [question] of CASES) {
    const answer = localAnswer(question, retrieve(question));
    assert.doesNotMatch(answer, /\[S\d+\]/);
    assert.doesNotMatch(answer, /^#|Shipping options\n/m, answer);
    assert.doesNotMatch(answer, /^\s*[-*]\s*$/m);
    assert.doesNotMatch(answer, /:$/, `ends on a lead: ${answer}`);
    assert.ok(answer.length <= 900, `${answer.length} chars: ${answer}`);
    // At most four picks (a pick can be a whole list with its lead, or a sentence with the one it refers to).
    const lines = answer.split("\n").filter((l) => l.trim());
    const items = lines.filter((l) => /^(?:\d+\.|-) /.test(l));
    const prose = lines.filter((l) => !items.includes(l)).join(" ").split(/(?<=[.!?:])\s+/);
    assert.ok(prose.length <= 6 && items.length <= 8, answer);
  }
});

Deno.test("a question half covered by the knowledge base gets its answer with a confidence below the handoff default", () => {
  const question = "Can I get a refund in bitcoin?"; // nothing mentions bitcoin
  const passages = retrieve(question);
  assert.match(localAnswer(question, passages), /within 30 days of delivery/);
  const confidence = localConfidence(question, passages);
  assert.ok(confidence > 0.2 && confidence < 0.35, String(confidence));
});

Deno.test("stemming does not confuse customers with customs", () => {
  const passages = [KB.find((p) => p.chunkId === "c-shipping")!, KB.find((p) => p.chunkId === "c-hours")!];
  const answer = localAnswer("When is customer support available?", passages);
  assert.match(answer, /Monday to Friday/);
  assert.doesNotMatch(answer, /customs/);
});

Deno.test("the same fact in two documents is said once", () => {
  const answer = localAnswer("refund window", retrieve("refund window", 6));
  assert.equal(answer.match(/within 30 days of delivery/g)?.length, 1, answer);
});

Deno.test("sentences keep their original order within a passage", () => {
  const answer = localAnswer("How long does shipping take?", retrieve("How long does shipping take?"));
  assert.ok(answer.indexOf("Standard shipping") < answer.indexOf("Express shipping"), answer);
});

Deno.test("irrelevant questions get an honest no-answer and an offer of a person", () => {
  for (
    const question of [
      "What's the weather in Paris tomorrow?",
      "Can you recommend a good pizza place?",
      "Who won the football match yesterday?",
      "Do you sell cars?",
      "What's the capital of Australia?",
    ]
  ) {
    const passages = retrieve(question).length ? retrieve(question) : KB.slice(0, 3);
    assert.equal(localAnswer(question, passages), NO_ANSWER, question);
    assert.match(NO_ANSWER, /couldn't find anything.*connect you with a person/);
    assert.ok(localConfidence(question, passages) < 0.2, `${question}: ${localConfidence(question, passages)}`);
  }
  assert.equal(localAnswer("How do refunds work?", []), NO_ANSWER);
  assert.equal(localConfidence("How do refunds work?", []), 0);
});

Deno.test("greetings and thanks get a short friendly reply, not knowledge", () => {
  for (const hi of ["hi", "Hello there!", "hey", "Good morning", "Hi, how are you?"]) {
    assert.equal(localAnswer(hi, KB.slice(0, 4)), "Hi there! How can I help you today?", hi);
    assert.equal(localConfidence(hi, KB.slice(0, 4)), 0);
  }
  assert.match(localAnswer("thanks so much!", KB), /^You're welcome!/);
  assert.match(localAnswer("bye", KB), /Have a great day/);
  assert.equal(localAnswer("ok", KB), CLARIFY);
  assert.match(localAnswer("Hi, how do I reset my password?", retrieve("reset password")), /Forgot password/);
});

Deno.test("stream yields the answer word by word, joining to the full answer", async () => {
  const question = "How do I return an item?";
  const { chunks, text } = await collect(question);
  assert.ok(chunks.length > 20, `${chunks.length} chunks`);
  assert.ok(chunks.every((c) => c.trim().split(/\s+/).length === 1));
  assert.equal(text, localAnswer(question, retrieve(question)));
});

Deno.test("stream answers the last user message when the question field is empty", async () => {
  const { text } = await collect("", retrieve("Do gift cards expire?"), {
    messages: [{ role: "user", content: "Do gift cards expire?" }],
  });
  assert.match(text, /never expire/);
});

Deno.test("a small maxTokens bounds the answer", async () => {
  const { text } = await collect("How long does shipping take?", undefined, { maxTokens: 30 });
  assert.ok(text.length <= 200, text);
  assert.match(text, /3-5 business days/);
});

Deno.test("a run-on passage is cut at a word, within the bound", () => {
  const runOn = { ...KB[0], text: `Refund ${"details and more words ".repeat(100)}end.` };
  const answer = localAnswer("refund details", [runOn], 50);
  assert.ok(answer.length <= 200 && answer.endsWith("…"), answer);
});

Deno.test("stream stops when the request is aborted", async () => {
  const controller = new AbortController();
  const iterator = localProvider().stream(request("How do I return an item?", undefined, { signal: controller.signal }))
    [Symbol.asyncIterator]();
  await iterator.next();
  controller.abort();
  await assert.rejects(() => iterator.next(), (e: unknown) => e instanceof DOMException && e.name === "AbortError");
});

Deno.test("answers are cited back to the passages they quote", () => {
  const question = "How long does shipping take?";
  const passages = retrieve(question);
  const cited = citationsFromAnswer(localAnswer(question, passages), passages);
  assert.deepEqual(cited.map((p) => p.chunkId), ["c-shipping"]);
  assert.deepEqual(citationsFromAnswer(NO_ANSWER, passages), []);
});

Deno.test("testConnection reports the built-in responder, and there is no embed", async () => {
  const provider = localProvider();
  assert.equal(provider.id, "local");
  assert.deepEqual(await provider.testConnection(), { detail: "built-in offline responder" });
  assert.equal(provider.embed, undefined);
});

Deno.test("a paraphrase is answered by the page that means it, though it shares no word with it", () => {
  const poll: Passage = {
    chunkId: "poll",
    sourceId: "s",
    title: "Create a poll",
    text: "You can create polls in any conversation. Type /poll followed by the question, then add the options.",
    score: 1,
  };
  // "vote" is near "poll" in meaning (word vectors); by words alone nothing matched (confidence 0, "I couldn't find").
  const confidence = localConfidence("make a vote in a chat", [poll]);
  assert.ok(confidence >= 0.2, `confidence ${confidence}`);
  assert.match(localAnswer("make a vote in a chat", [poll]), /\/poll/);
  // Meaning is not a loophole: a question about something else still finds nothing.
  assert.ok(localConfidence("do you have job openings?", [poll]) < 0.2);
});

Deno.test("with the sentence model's cosines, the answer comes from a page near the closest in meaning", () => {
  // Retrieval put the profile-picture page first by meaning; the time-zone page shares "change" and "profile photo".
  const avatar = page("avatar", "Set your profile picture", "Upload a profile photo under Personal settings.", 1);
  const timezone = page(
    "tz",
    "Change your time zone",
    "To change the banner, under your profile photo, toggle Offer to update to my computer's time zone.",
    0.6,
  );
  const cites = (passages: Passage[]) =>
    citationsFromAnswer(localAnswer("how to change my avatar", passages), passages).map((p) => p.chunkId);
  // By words alone the stray words win (and without cosines this stays so: words correct a words-only ranking).
  assert.deepEqual(cites([avatar, timezone]), ["tz"]);
  // Told the meaning (0.55 against 0.3), the far page is no candidate.
  assert.deepEqual(cites([{ ...avatar, meaning: 0.55 }, { ...timezone, meaning: 0.3 }]), ["avatar"]);
  // Near in meaning but closer, words still choose.
  assert.deepEqual(cites([{ ...avatar, meaning: 0.55 }, { ...timezone, meaning: 0.56 }]), ["tz"]);
});

Deno.test("when no page with words for the question is near in meaning, the answer is judged on the closest page", () => {
  // "can I change my username?": only "change" is on the first page, far in meaning; the closest page has no word.
  const order = page("order", "Changing an order", "Orders can be changed within one hour of purchase.", 1);
  const account = page("account", "Deleting an account", "You can delete your account under Settings.", 0.2);
  const q = "can I change my username?";
  assert.deepEqual(focusPage(q, [order, account]).map((p) => p.chunkId), ["order"], "words alone");
  const meant = [{ ...order, meaning: 0.1 }, { ...account, meaning: 0.38 }];
  assert.deepEqual(focusPage(q, meant).map((p) => p.chunkId), ["account"]);
  assert.equal(localAnswer(q, meant), NO_ANSWER);
});

Deno.test("a page retrieval ranks first and meaning puts closest is not overruled by a stray shared word", () => {
  // "how do I stop someone from commenting on my issues": retrieval and the sentence model both chose the page
  // on blocking; the account-deletion page's sentence shares "comments" and "issues".
  const blocking = page(
    "block",
    "Blocking a user from your personal account",
    "To stop someone from interacting with you, block them from your account settings.",
    1,
  );
  const deleting = page(
    "del",
    "Deleting your personal account",
    "Issues you've opened and comments someone made on your issues will not be deleted.",
    0.7,
  );
  const q = "how do I stop someone from commenting on my issues";
  const cites = (passages: Passage[]) => citationsFromAnswer(localAnswer(q, passages), passages).map((p) => p.chunkId);
  // Without cosines the words choose, as before: the stray words win.
  const wordsOnly = cites([blocking, deleting]);
  assert.deepEqual(wordsOnly, ["del"]);
  // With them, the page both signals agree on answers, however the words fall.
  assert.deepEqual(cites([{ ...blocking, meaning: 0.43 }, { ...deleting, meaning: 0.39 }]), ["block"]);
  // When another page is the closest in meaning, the responder's words choose among the near pages again.
  assert.deepEqual(
    cites([{ ...blocking, meaning: 0.43 }, { ...deleting, meaning: 0.45 }]),
    wordsOnly,
  );
});

Deno.test("what a page is about: the share of the question its titles and headings name", () => {
  const deleting = page(
    "del",
    "Deleting your personal account",
    "Deleting your account removes all repositories, forks of private repositories, wikis and issues.",
    1,
  );
  // Every word is on the page, none in its title: a passing mention.
  assert.equal(headCoverage("how do I make my repository private?", [deleting]), 0);
  assert.ok(headCoverage("how do I delete my account?", [deleting]) > 0.9);
  assert.equal(headCoverage("anything", []), 0);
});

Deno.test("how closely a page's best sentence echoes the question, word by word", () => {
  const refunds = (text: string) => [page("ref", "Refunds", text, 1)];
  const question = "how do I get a refund for my order?";
  // One sentence says every content word of the question.
  assert.equal(sentenceAlignment(question, refunds("Refunds for an order are issued within 5 business days.")), 1);
  // The page says them all, but no one sentence does: the best sentence's share, not the page's.
  const split = sentenceAlignment(question, refunds("Refunds take 5 days. Track your order under Orders."));
  assert.ok(split > 0.3 && split < 0.7, String(split));
  // Nothing near in meaning: the floor keeps unrelated words from counting a little each.
  assert.equal(sentenceAlignment(question, refunds("Our stores open at 9am. Parking is free.")), 0);
  assert.equal(sentenceAlignment(question, []), 0);
});
