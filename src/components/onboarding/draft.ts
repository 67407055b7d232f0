import type { BanditMetric, DecisionMode } from "@/shared/domain/experiments";

/** The wizard's editable state: strings as typed, converted only when validated. */
export interface PriceDraft {
  id: number;
  name: string;
  price: string;
  weight: string;
  isControl: boolean;
}

export type CapChoice = "off" | "fixed" | "percentile";
export type TrafficChoice = "split" | BanditMetric;

/** How the test decides; strings as typed, like the rest of the draft. */
export interface DecisionDraft {
  decisionMode: DecisionMode;
  /** Percent, e.g. "5" for 5%. */
  mde: string;
  /** Empty: sized from the MDE. */
  targetSampleSize: string;
  cap: CapChoice;
  capAmount: string;
  /** Fraction, from a fixed list (e.g. "0.99"). */
  capPercentile: string;
  traffic: TrafficChoice;
}

export interface ExperimentDraft extends DecisionDraft {
  name: string;
  key: string;
  keyEdited: boolean;
  currency: string;
  description: string;
  prices: PriceDraft[];
}

/** Empty means "not set"; anything else is a number (NaN when not one, so validation names the field). */
const optionalNumber = (text: string): number | null => (text.trim() === "" ? null : Number(text.trim()));

function revenueCapOf(d: DecisionDraft) {
  if (d.cap === "fixed") return { type: "fixed" as const, amount: optionalNumber(d.capAmount) ?? Number.NaN };
  if (d.cap === "percentile") return { type: "percentile" as const, percentile: Number(d.capPercentile) };
  return null;
}

export function decisionInput(d: DecisionDraft) {
  const mde = optionalNumber(d.mde);
  return {
    decisionMode: d.decisionMode,
    // The form asks for a percent; the API takes the fraction.
    mde: mde === null ? null : mde / 100,
    targetSampleSize: optionalNumber(d.targetSampleSize),
    revenueCap: revenueCapOf(d),
    banditMetric: d.traffic === "split" ? null : d.traffic,
  };
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);
}

/** Variant keys from the labels, unique within the experiment (the control is always "control"). */
export function variantKeys(prices: PriceDraft[]): string[] {
  const used = new Set<string>();
  return prices.map((p, i) => {
    let key = p.isControl ? "control" : slugify(p.name) || slugify(`price-${p.price}`) || `price-${i + 1}`;
    if (!/^[a-z0-9]/.test(key)) key = `p-${key}`;
    let unique = key;
    for (let n = 2; used.has(unique); n++) unique = `${key}-${n}`;
    used.add(unique);
    return unique;
  });
}

export function toCreateInput(d: ExperimentDraft) {
  const keys = variantKeys(d.prices);
  return {
    name: d.name,
    key: d.key,
    currency: d.currency,
    description: d.description.trim() ? d.description : null,
    ...decisionInput(d),
    variants: d.prices.map((p, i) => ({
      key: keys[i] ?? `price-${i + 1}`,
      name: p.name.trim() || `${d.currency} ${p.price}`,
      price: p.price,
      weight: p.weight.trim() === "" ? Number.NaN : Number(p.weight),
      isControl: p.isControl,
      metadata: {},
    })),
  };
}

let nextId = 1;
export function newPrice(partial: Partial<PriceDraft> = {}): PriceDraft {
  return { id: nextId++, name: "", price: "", weight: "1", isControl: false, ...partial };
}

export function initialDraft(): ExperimentDraft {
  return {
    name: "",
    key: "",
    keyEdited: false,
    currency: "USD",
    description: "",
    prices: [newPrice({ isControl: true, name: "Current price" }), newPrice()],
    ...initialDecision(),
  };
}

export function initialDecision(): DecisionDraft {
  return { decisionMode: "sequential", mde: "5", targetSampleSize: "", cap: "off", capAmount: "", capPercentile: "0.99", traffic: "split" };
}
