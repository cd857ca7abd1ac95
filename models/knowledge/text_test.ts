import assert from "node:assert/strict";
import { contentTerms, smallTalk, stem, termSet, withoutContrast } from "./text.ts";

Deno.test("contentTerms drops filler and folds word forms together", () => {
  assert.deepEqual(contentTerms("How long does it take to get my refunds?"), ["refund"]);
  assert.deepEqual(contentTerms("Can you help me? I want to know about shipping!"), ["ship"]);
  assert.deepEqual(termSet("refund refunded refunding Refunds"), new Set(["refund"]));
  assert.deepEqual(contentTerms("Don't charge 30 dollars"), ["charg", "30", "dollar"]);
});

Deno.test("quantifiers and chat spellings of function words are no topic ('how many', 'sth', 'pls', 'ur')", () => {
  // "many" weighed like a topic the page lacked, and "sth" (never in an index, rare in English) like a rare one.
  assert.deepEqual(contentTerms("how many days do i have to return sth"), ["dai", "return"]);
  assert.deepEqual(contentTerms("pls change ur email"), ["chang", "email"]);
});

Deno.test("'what time' asks for a time of day: 'time' is no topic after 'what'", () => {
  assert.deepEqual(contentTerms("what time do you close on friday"), ["close", "fridai"]);
  assert.deepEqual(contentTerms("delivery time to Spain"), ["deliveri", "time", "spain"]);
});

Deno.test("'straight away' and 'right away' mean 'at once': no topic, and no online status", () => {
  assert.deepEqual(contentTerms("if I cancel, do I lose access straight away?"), ["cancel", "lose", "access"]);
  assert.deepEqual(contentTerms("can you ship it right away"), ["ship"]);
  // "away" as a status, and "right" alone, are still words of the question.
  assert.deepEqual(contentTerms("set my status to away"), ["set", "statu", "awai"]);
  assert.deepEqual(contentTerms("the right size"), ["right", "size"]);
});

Deno.test("stem leaves numbers and other scripts alone, and keeps customers apart from customs", () => {
  assert.equal(stem("2024"), "2024");
  assert.equal(stem("größe"), "größe");
  assert.notEqual(stem("customer"), stem("customs"));
  assert.equal(stem("passwords"), "password");
});

Deno.test("smallTalk recognises greetings, thanks and goodbyes without a question in them", () => {
  assert.equal(smallTalk("Hi!"), "greeting");
  assert.equal(smallTalk("hello there, team"), "greeting");
  assert.equal(smallTalk("Good morning"), "greeting");
  assert.equal(smallTalk("Hi, how are you?"), "greeting");
  assert.equal(smallTalk("thanks a lot!"), "thanks");
  assert.equal(smallTalk("ok thank you"), "thanks");
  assert.equal(smallTalk("Bye"), "goodbye");
  assert.equal(smallTalk("Hi, I need a refund"), null);
  assert.equal(smallTalk("thanks, but where is my parcel?"), null);
  assert.equal(smallTalk("history of the company"), null);
  assert.equal(smallTalk(""), null);
});

Deno.test("withoutContrast leaves out what follows 'instead of' or 'rather than', to the end of its clause", () => {
  assert.equal(
    contentTerms(withoutContrast("can I pause my subscription instead of cancelling it?")).join(" "),
    "paus subscript",
  );
  assert.equal(contentTerms(withoutContrast("pick up rather than delivery, is that free?")).join(" "), "pick free");
});

Deno.test("withoutContrast keeps what the question asks after the turned-down phrase, and a question that is all contrast", () => {
  assert.equal(
    contentTerms(withoutContrast("is there another way instead of email to contact you?")).join(" "),
    "anoth way contact",
  );
  assert.equal(withoutContrast("instead of paypal?"), "instead of paypal?");
});
