import { describe, expect, it } from "vitest";
import {
  chance,
  count,
  fixedMoneyFormatter,
  labelShowsPrice,
  money,
  moneyFormatter,
  odds,
  pct,
  rateDigits,
  rateMoneyFormatter,
  signedPct,
} from "./format";

describe("results formatting", () => {
  it("gives a column of per-visitor amounts one precision", () => {
    expect(rateDigits([2.062, 2.8085])).toBe(2);
    expect(rateDigits([0.0312, 0.0349, 0])).toBe(4);
    expect(rateDigits([0.512, 1.2])).toBe(3);
    expect(rateDigits([])).toBe(2);
    const rate = fixedMoneyFormatter("USD", rateDigits([2.062, 2.8085]));
    expect([rate(2.062), rate(2.8085)]).toEqual(["$2.06", "$2.81"]);
  });

  it("knows when a label already says the price", () => {
    expect(labelShowsPrice("$24", "24.00")).toBe(true);
    expect(labelShowsPrice("24 EUR", "24.00")).toBe(true);
    expect(labelShowsPrice("Current price", "24.00")).toBe(false);
    expect(labelShowsPrice("$19", "24.00")).toBe(false);
  });
});

describe("money", () => {
  it("writes amounts in the experiment's currency with its usual decimals", () => {
    expect(money(1234.5, "USD")).toBe("$1,234.50");
    expect(money(20, "EUR")).toBe("€20.00");
    expect(money(1200, "JPY")).toBe("¥1,200");
    expect(moneyFormatter("GBP")(9.99)).toBe("£9.99");
  });

  it("keeps up to 4 decimals for per-visitor rates", () => {
    const rate = rateMoneyFormatter("USD");
    expect([rate(0.0312), rate(2.5)]).toEqual(["$0.0312", "$2.50"]);
    expect(rateMoneyFormatter("EUR")(0.03125)).toBe("€0.0313");
  });

  it("still shows the amount for a code Intl rejects", () => {
    expect(money(12, "not a code")).toBe("12.00");
  });
});

describe("percents, chances and counts", () => {
  it("formats shares and lifts, with a true minus sign", () => {
    expect(pct(0.0812)).toBe("8.1%");
    expect(pct(Number.NaN)).toBe("—");
    expect([signedPct(0.0812), signedPct(-0.02), signedPct(0)]).toEqual(["+8.1%", "−2.0%", "0.0%"]);
  });

  it("never claims certainty", () => {
    expect([chance(0.999), chance(0.001), chance(0.456)]).toEqual(["99%+", "<1%", "46%"]);
  });

  it("writes counts and small probabilities as people read them", () => {
    expect(count(12345)).toBe("12,345");
    expect(odds(0.0002)).toBe("about 1 in 5,000");
    expect(odds(0)).toBe("practically zero");
  });
});
