import { describe, expect, it } from "vitest";
import { defaultAppUrl, psqlUrl, summaryLines } from "./start-summary";

describe("npm start summary", () => {
  it("on loopback the address to open is 127.0.0.1, the host the sign-in links use", () => {
    expect(defaultAppUrl("127.0.0.1", 3000)).toBe("http://127.0.0.1:3000");
    expect(defaultAppUrl("0.0.0.0", 8080)).toBe("http://localhost:8080");
  });

  it("says where to go, how to sign in, where the key is and how to reach the embedded database", () => {
    const lines = summaryLines({
      appUrl: "http://127.0.0.1:3000/",
      databaseUrl: "postgresql://postgres@127.0.0.1:41234/postgres?connection_limit=1",
      embeddedDataDir: "/repo/.data/pglite",
      demo: { ownerEmail: "owner@vmdeco.demo", operatorEmail: "operator@baas.demo", tenantId: "t1", keyLine: "demo instance key (the plugin's instanceKey): baas_inst_x" },
    });
    expect(lines[0]).toBe("open http://127.0.0.1:3000  (sign-in links point here too; set APP_URL to change it)");
    expect(lines.join("\n")).toContain("http://127.0.0.1:3000/signin (owner@vmdeco.demo)");
    expect(lines.join("\n")).toContain("baas_inst_x");
    expect(lines.join("\n")).toContain("http://127.0.0.1:3000/t/t1/instances");
    expect(lines.at(-1)).toBe('database (embedded, data in /repo/.data/pglite; its port changes every start): psql "postgresql://postgres@127.0.0.1:41234/postgres"');
  });

  it("never prints a real database's password", () => {
    expect(psqlUrl("postgresql://app:s3cret@db.internal:5432/baas")).toBe("postgresql://app:****@db.internal:5432/baas");
    const lines = summaryLines({ appUrl: "https://baas.example.com", databaseUrl: "postgresql://app:s3cret@db:5432/baas", embeddedDataDir: null, demo: null });
    expect(lines.join("\n")).not.toContain("s3cret");
    expect(lines).toHaveLength(2);
  });
});
