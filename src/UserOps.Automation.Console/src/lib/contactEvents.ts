// How the contact profile names an event in its timeline: the event, then what it was about and how much it was worth.

export interface ContactEventView {
  name: string; timestamp: string; amountMinor: number | null; currency: string | null; category: string | null;
}

/** "purchase · phones · 499.00 CNY": the amount in major units (minor / 100), parts that are absent left out. */
export function describeEvent(e: ContactEventView): string {
  const amount = e.amountMinor == null ? null : `${(e.amountMinor / 100).toFixed(2)}${e.currency ? ` ${e.currency}` : ''}`;
  return [e.name, e.category, amount].filter(Boolean).join(' · ');
}

/** The first `shown` events, newest first as the host sends them, and how many are left out. */
export function firstEvents<T>(events: T[], shown: number): { items: T[]; hidden: number } {
  return { items: events.slice(0, shown), hidden: Math.max(0, events.length - shown) };
}
