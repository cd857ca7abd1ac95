/**
 * Customers' sentiment and the volume per category, as the summary and the
 * series report them, from day counters or from facts (`tagged.ts`).
 * Definitions: the README, "Analytics".
 *
 * @module
 */

const ratio = (a: number, b: number, digits = 4) => (b ? Math.round((a / b) * 10 ** digits) / 10 ** digits : null);

/** The sentiment metrics of counters (README, Analytics, "Sentiment"); scores are summed in thousandths. */
export function sentimentOf(c: {
  sentimentCount: number;
  sentimentSum: number;
  sentimentNegative: number;
  conversationsNegative: number;
  conversations: number;
}) {
  return {
    messages: c.sentimentCount,
    average: ratio(c.sentimentSum / 1000, c.sentimentCount, 3),
    negativeMessages: c.sentimentNegative,
    negativeMessageShare: ratio(c.sentimentNegative, c.sentimentCount),
    negativeConversations: c.conversationsNegative,
    negativeConversationShare: ratio(c.conversationsNegative, c.conversations),
  };
}

/** Category volumes summed by name, the most conversations first (then tickets, then name). */
export function categoryTotals(rows: Array<{ category: string; conversations: number; tickets: number }>) {
  const by = new Map<string, { name: string; conversations: number; tickets: number }>();
  for (const r of rows) {
    const c = by.get(r.category) ??
      by.set(r.category, { name: r.category, conversations: 0, tickets: 0 }).get(r.category)!;
    c.conversations += r.conversations;
    c.tickets += r.tickets;
  }
  return [...by.values()].filter((c) => c.conversations || c.tickets)
    .sort((a, b) => b.conversations - a.conversations || b.tickets - a.tickets || a.name.localeCompare(b.name));
}
