/**
 * The built-in responder on customers' own words: light verbs, support vocabulary, thesaurus phrases, short
 * forms, "what time" and "instead of" (`local_test.ts` has the rest of its behaviour).
 */
import assert from "node:assert/strict";
import type { Passage } from "../models/ports/ai_provider.ts";
import { citationsFromAnswer } from "../models/answers/prompt.ts";
import { localAnswer, localConfidence, NO_ANSWER } from "./local.ts";
import { page } from "./local_testdata.ts";

Deno.test("a question's light verbs ('find', 'make', 'put', 'someone') cost no confidence when the page lacks them", () => {
  const invoices = page("inv", "Invoices", "Past invoices can be downloaded as PDF from Account > Billing.", 1);
  // "find" and "old" counted as two thirds of the question: a page about invoices was "nothing found".
  const q = "where do I find my old invoices?";
  assert.match(localAnswer(q, [invoices]), /downloaded as PDF/);
  assert.ok(localConfidence(q, [invoices]) > localConfidence("where are my old invoices?", [invoices]) - 1e-9);
  // Said on the page, a light verb still counts: it raises confidence, never lowers it.
  const found = page("inv", "Invoices", "Find past invoices under Account > Billing.", 1);
  assert.ok(localConfidence(q, [found]) > localConfidence(q, [invoices]));
  // A question of light verbs alone has no topic to answer.
  assert.equal(localAnswer("where can I find someone", [invoices]), NO_ANSWER);
});

Deno.test("support vocabulary: a customer's word answered by the article's (product/item, stop/disable, company/organization, time limit/duration)", () => {
  const ask = (q: string, passages: Passage[]) => citationsFromAnswer(localAnswer(q, passages), passages)[0]?.chunkId;
  const returns = page("ret", "Return window", "You can return any unworn item within 30 days of delivery.", 1);
  const damaged = page(
    "dmg",
    "Damaged items",
    "If an item arrives damaged, send us a photo and we ship a replacement.",
    1,
  );
  const refunds = page(
    "ref",
    "Refund policy",
    "Refunds are issued within 5 business days of receiving the returned item.",
    0.5,
  );
  // "product" is the shop's "item": the page retrieval and meaning agree on (the damaged-items page) says twice as
  // much of the question as the refund page's "receiving", and answers.
  const agreed = [{ ...damaged, meaning: 0.47 }, { ...refunds, meaning: 0.45 }];
  assert.equal(ask("the product I received is broken, what should I do?", agreed), "dmg");
  // A time limit asks for a duration: "within 30 days" answers it.
  assert.ok(localConfidence("is there a time limit for sending products back?", [returns]) >= 0.5);
  const typing = page("typ", "Typing notifications", "You can disable typing notifications under Privacy.", 1);
  // ("people" and "seeing" stay uncovered: the stop/disable pair alone is asserted, 0.11 without it.)
  assert.ok(localConfidence("can I stop people from seeing that I'm typing?", [typing]) >= 0.25);
  const convert = page(
    "org",
    "Converting a user into an organization",
    "Turn your personal account into an organization.",
    1,
  );
  assert.ok(localConfidence("can I turn my personal account into one for my company?", [convert]) >= 0.9);
});

Deno.test("a word of a thesaurus phrase alone does not cover the question ('rename' is not 'user' of 'user name')", () => {
  const invite = page("inv", "Invite new users", "You can invite users to join your organization by email.", 1);
  // With "user" counted as "rename", the invitation page covered all of the question; "organization" is half of it.
  assert.ok(localConfidence("how do I rename my organization?", [invite]) < 0.4);
  // A phrase of the group counts whole: "profile picture" is the "avatar", "profile" alone is not.
  const avatar = page("pic", "Set your profile picture", "Upload a profile picture under Settings.", 1);
  assert.ok(localConfidence("how do I upload an avatar?", [avatar]) >= 0.7);
  const profile = page("pro", "Your profile", "Upload a file to your profile.", 1);
  assert.ok(localConfidence("how do I upload an avatar?", [profile]) < 0.4);
});

Deno.test("a short word the page lacks and English rarely uses reads as the page's longer word it begins ('org', 'repo')", () => {
  const convert = page("org", "Converting a user into an organization", "You can convert your account.", 1);
  // "org" weighed like a rare topic the page lacked: half the question uncovered.
  assert.ok(localConfidence("convert to org", [convert]) >= 0.7);
  const blocking = page("blk", "Blocking a user", "Blocked users cannot comment in your repositories.", 1);
  assert.ok(localConfidence("can I block someone in my repos?", [blocking]) >= 0.8);
  // An everyday word is not a shortening: "car" is not the page's "card".
  const cards = page("card", "Payment cards", "We accept every card.", 1);
  assert.ok(localConfidence("do you accept car payments?", [cards]) < 0.6);
});

Deno.test("'what time' is answered by a time of day, not by a page titled with 'times'", () => {
  const hours = page("hrs", "Opening hours", "Our team answers from 9am to 6pm CET, Monday to Friday.", 1);
  const shipping = page("shp", "Shipping times", "Standard shipping takes 3 to 5 business days.", 1);
  const q = "what time do you close on friday";
  const ask = (passages: Passage[]) => citationsFromAnswer(localAnswer(q, passages), passages)[0]?.chunkId;
  // "time" was a topic word: the shipping page's title named it, and the hours page answered nothing.
  assert.equal(ask([shipping, hours]), "hrs");
  assert.ok(localConfidence(q, [hours]) > 0.5);
});

Deno.test("what follows 'instead of' or 'rather than' is what the visitor does not want: no answer comes from it", () => {
  const ask = (q: string, passages: Passage[]) => citationsFromAnswer(localAnswer(q, passages), passages)[0]?.chunkId;
  const delivery = page("del", "Home delivery", "Home delivery takes 3 to 5 days.", 1);
  const collect = page("col", "Click and collect", "Pick up your order at any of our stores.", 0.8);
  // The delivery page covered half of the question by the very words the visitor turned down.
  assert.equal(ask("can I get my order at a store instead of home delivery?", [delivery, collect]), "col");
  assert.equal(ask("can I pick up my order rather than have it delivered?", [delivery, collect]), "col");
});
