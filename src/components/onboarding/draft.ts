/** The wizard's editable state: strings as typed, converted only when validated. */
export interface PriceDraft {
  id: number;
  name: string;
  price: string;
  weight: string;
  isControl: boolean;
}

export interface ExperimentDraft {
  name: string;
  key: string;
  keyEdited: boolean;
  currency: string;
  description: string;
  prices: PriceDraft[];
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
  };
}
