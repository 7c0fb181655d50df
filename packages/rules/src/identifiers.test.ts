import { describe, expect, it } from "vitest";
import {
  agbProviderType,
  isValidAgb,
  isValidBig,
  isValidEstablishmentNumber,
  isValidIban,
  isValidKvk,
  isValidPostcode,
  isValidSlug,
  normalizeIban,
  normalizeKvk,
  normalizePostcode,
  slugify,
} from "./identifiers";

describe("KvK number", () => {
  it.each([
    ["12345678", true],
    ["1234 5678", true],
    ["12.34.56.78", true],
    ["1234567", false],
    ["123456789", false],
    ["1234567a", false],
    ["", false],
  ])("%s -> %s", (input, valid) => expect(isValidKvk(input)).toBe(valid));
  it("normalizes to digits", () => expect(normalizeKvk(" 1234 5678 ")).toBe("12345678"));
});

describe("establishment number", () => {
  it.each([
    ["000012345678", true],
    ["0000 1234 5678", true],
    ["12345678", false],
    ["0000123456789", false],
  ])("%s -> %s", (input, valid) => expect(isValidEstablishmentNumber(input)).toBe(valid));
});

describe("AGB code", () => {
  it.each([
    ["90251234", true, "90"],
    ["94061234", true, "94"],
    ["9025 1234", true, "90"],
    ["9025123", false, null],
    ["902512345", false, null],
    ["AB251234", false, null],
  ])("%s -> valid %s, type %s", (input, valid, type) => {
    expect(isValidAgb(input)).toBe(valid);
    expect(agbProviderType(input)).toBe(type);
  });
});

describe("BIG number", () => {
  it.each([
    ["19012345601", true],
    ["1901234560", false],
    ["190123456012", false],
  ])("%s -> %s", (input, valid) => expect(isValidBig(input)).toBe(valid));
});

describe("postcode", () => {
  it.each([
    ["6511 AB", true, "6511 AB"],
    ["6511ab", true, "6511 AB"],
    ["2011 HE", true, "2011 HE"],
    ["0511 AB", false, "0511 AB"],
    ["6511 SA", false, "6511 SA"],
    ["651 AB", false, "651AB"],
  ])("%s -> %s", (input, valid, normalized) => {
    expect(isValidPostcode(input)).toBe(valid);
    expect(normalizePostcode(input)).toBe(normalized);
  });
});

describe("IBAN", () => {
  it.each([
    ["NL91ABNA0417164300", true],
    ["nl91 abna 0417 1643 00", true],
    ["NL91ABNA0417164301", false], // check digits no longer match
    ["NL91ABNA041716430", false], // 17 characters
    ["BE68539007547034", true],
    ["DE89370400440532013000", true],
    ["GB29NWBK60161331926819", true],
    ["XX", false],
  ])("%s -> %s", (input, valid) => expect(isValidIban(input)).toBe(valid));
  it("normalizes spacing and case", () => expect(normalizeIban("nl91 abna 0417 1643 00")).toBe("NL91ABNA0417164300"));
});

describe("URL name", () => {
  it.each([
    ["vakwerk-nijmegen", true],
    ["wij-zijn-kas", true],
    ["023vaktherapeuten", true],
    ["ab", false],
    ["-kas", false],
    ["kas-", false],
    ["kas--nl", false],
    ["Kas", true],
    ["kas nl", false],
    ["admin", false],
    ["a".repeat(41), false],
  ])("%s -> %s", (input, valid) => expect(isValidSlug(input)).toBe(valid));
  it.each([
    ["VaKwerK regio Nijmegen", "vakwerk-regio-nijmegen"],
    ["Wij zijn KAS", "wij-zijn-kas"],
    ["Coöperatie Vaktherapie Eemland U.A.", "cooperatie-vaktherapie-eemland-u-a"],
  ])("slugify(%s) -> %s", (input, slug) => expect(slugify(input)).toBe(slug));
});
