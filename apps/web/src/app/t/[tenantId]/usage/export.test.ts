import { describe, expect, it } from "vitest";
import { csvCell, toCsv, toJson } from "./export";

describe("usage export", () => {
  it("neutralises cells a spreadsheet would run as formulas and quotes what needs it", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell("+1 555")).toBe("'+1 555");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("Vendas, VIP")).toBe('"Vendas, VIP"');
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell(null)).toBe("");
  });

  it("writes each table with its title and header, and JSON with the same rows", () => {
    const tables = [{ id: "a", title: "Cost by group", columns: ["Group", "Cost (BRL)"], rows: [["=evil", 1.5], ["Suporte", 0]] }];
    expect(toCsv(tables)).toBe("Cost by group\r\nGroup,Cost (BRL)\r\n'=evil,1.5\r\nSuporte,0");
    expect(JSON.parse(toJson({ from: "2026-12-01" }, tables))).toEqual({ from: "2026-12-01", tables: [{ id: "a", title: "Cost by group", rows: [{ Group: "=evil", "Cost (BRL)": 1.5 }, { Group: "Suporte", "Cost (BRL)": 0 }] }] });
  });
});
