import assert from "node:assert/strict";
import type { Category } from "./category.ts";
import { classifier } from "./classify.ts";

// Five categories as a workspace would write them: a few examples each.
const at = new Date("2026-12-04T10:00:00Z");
const category = (name: string, description: string, examples: string[]): Category => ({
  id: name,
  workspaceId: "w",
  name,
  description,
  examples,
  counterExamples: [],
  createdAt: at,
  updatedAt: at,
});
const CATEGORIES = [
  category("billing", "Invoices, charges, refunds and payment methods", [
    "I was charged twice this month",
    "Can I get a refund for my subscription?",
    "How do I update my credit card?",
    "Where can I download my invoice?",
  ]),
  category("shipping", "Deliveries, tracking and parcels", [
    "Where is my parcel?",
    "My order has not arrived yet",
    "How long does delivery take to Canada?",
    "The tracking number does not work",
  ]),
  category("account", "Logging in, passwords, profile and account settings", [
    "I can't log in to my account",
    "How do I reset my password?",
    "I want to change the email on my profile",
    "Please delete my account",
  ]),
  category("returns", "Returning or exchanging products", [
    "How do I return an item?",
    "Can I exchange these shoes for a bigger size?",
    "What is your return policy?",
    "I need a return label",
  ]),
  category("bug", "Something in the app or website is broken", [
    "The app crashes when I open it",
    "The checkout page shows an error",
    "The button does nothing when I click it",
    "The page is blank after the update",
  ]),
];

// 40 messages, 8 per category, none of them an example above: labelled by hand.
const LABELLED: Array<[string, string]> = [
  ["Why did you charge my card two times?", "billing"],
  ["I need an invoice for my company's accounting", "billing"],
  ["Please refund the last payment, I cancelled", "billing"],
  ["Can I pay by PayPal instead of a credit card?", "billing"],
  ["My subscription renewal charge looks wrong", "billing"],
  ["The invoice has the wrong VAT number", "billing"],
  ["When will my refund reach my bank?", "billing"],
  ["How do I change the payment method?", "billing"],
  ["My parcel still hasn't been delivered", "shipping"],
  ["Do you deliver to Germany?", "shipping"],
  ["The tracking page says the order is stuck", "shipping"],
  ["How much is delivery for express shipping?", "shipping"],
  ["The courier left my parcel at the wrong address", "shipping"],
  ["When will my order arrive?", "shipping"],
  ["Can I change the delivery address of my order?", "shipping"],
  ["I never received a tracking number", "shipping"],
  ["I forgot my password and the reset email never came", "account"],
  ["Locked out of my account after too many log in attempts", "account"],
  ["How do I change my username on my profile?", "account"],
  ["Can I have two emails on one account?", "account"],
  ["I want to close my account for good", "account"],
  ["The password reset link has expired", "account"],
  ["How do I turn on two-factor login for my account?", "account"],
  ["Update the phone number in my account settings", "account"],
  ["I'd like to return the jacket I bought", "returns"],
  ["Can I exchange a gift for another colour?", "returns"],
  ["How many days do I have to return an item?", "returns"],
  ["Where do I send items I return?", "returns"],
  ["The return label you sent is not printing", "returns"],
  ["Can I exchange my shoes for a smaller size?", "returns"],
  ["Is the return free or do I pay postage?", "returns"],
  ["Your return policy for sale items?", "returns"],
  ["The app keeps crashing on my phone", "bug"],
  ["I get an error message when I click pay", "bug"],
  ["The website page is blank in Firefox", "bug"],
  ["Nothing happens when I click the save button", "bug"],
  ["After the update the app won't open", "bug"],
  ["Error 500 on the checkout page", "bug"],
  ["The search page is broken and shows an error", "bug"],
  ["Images don't load on the app since yesterday", "bug"],
];

Deno.test("offline categories: precision on 40 labelled support messages across 5 categories", () => {
  const c = classifier(CATEGORIES);
  let applied = 0, right = 0;
  const wrong: string[] = [];
  for (const [text, label] of LABELLED) {
    const best = c.best(text);
    if (!best) continue;
    applied++;
    if (best.name === label) right++;
    else wrong.push(`${text} -> ${best.name} (want ${label})`);
  }
  const precision = right / applied;
  const coverage = applied / LABELLED.length;
  console.log(`precision ${(precision * 100).toFixed(1)}% on ${applied}/${LABELLED.length} tagged`, wrong);
  // Floors we reach today (see the printed numbers): a wrong tag costs more than a missing one.
  assert.ok(precision >= PRECISION_FLOOR, `precision ${precision}`);
  assert.ok(coverage >= COVERAGE_FLOOR, `coverage ${coverage}`);
});

Deno.test("a counter-example (a tag staff removed) keeps the same message from that category", () => {
  const text = "Where do I send items I return?";
  const before = classifier(CATEGORIES).best(text);
  assert.equal(before?.name, "returns");
  const corrected = CATEGORIES.map((c) => c.name === "returns" ? { ...c, counterExamples: [text] } : c);
  assert.notEqual(classifier(corrected).best(text)?.name, "returns");
});

Deno.test("nothing is applied when no category is close", () => {
  assert.equal(classifier(CATEGORIES).best("Hello there"), null);
  assert.equal(classifier([]).best("Where is my parcel?"), null);
});

const PRECISION_FLOOR = 0.9; // measured 91.4% (32 of 35 tagged)
const COVERAGE_FLOOR = 0.85; // measured 87.5% (35 of 40)
