import { describe, expect, it } from "vitest";
import { emailLocale, localeFromAcceptLanguage, resolveLocale } from "./locales";

describe("locale resolution", () => {
  it("reads Accept-Language by weight and maps regional tags onto ours", () => {
    expect(localeFromAcceptLanguage("pt-PT,pt;q=0.9,en;q=0.8")).toBe("pt-BR");
    expect(localeFromAcceptLanguage("de-DE,en-GB;q=0.5,pt;q=0.4")).toBe("en");
    expect(localeFromAcceptLanguage("fr;q=0.9,pt-BR;q=0.95")).toBe("pt-BR");
    expect(localeFromAcceptLanguage("de,fr")).toBeNull();
    expect(localeFromAcceptLanguage("en;q=0")).toBeNull();
  });

  it("prefers the saved choice, then the cookie, then the browser, then Portuguese", () => {
    expect(resolveLocale({ userLocale: "en", cookie: "pt-BR", acceptLanguage: "pt" })).toBe("en");
    expect(resolveLocale({ userLocale: null, cookie: "en", acceptLanguage: "pt" })).toBe("en");
    expect(resolveLocale({ userLocale: "xx", cookie: "bogus", acceptLanguage: "en-US" })).toBe("en");
    expect(resolveLocale({})).toBe("pt-BR");
  });

  it("writes e-mails in the recipient's language, else the tenant's", () => {
    expect(emailLocale("en", "BRL")).toBe("en");
    expect(emailLocale(null, "BRL")).toBe("pt-BR");
    expect(emailLocale(null, "USD")).toBe("en");
    expect(emailLocale(undefined)).toBe("pt-BR");
  });
});
