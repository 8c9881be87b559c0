import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { integer, pgSchema, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { allTables, BEGIN_MARKER, coverageProblems, END_MARKER, renderErDiagrams, replaceBetweenMarkers, schemaAreas } from "./er-diagram";

describe("ER diagrams of docs/database.md", () => {
  it("docs/database.md holds exactly what the schema draws (run `npm run docs:er` after a schema change)", () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/database.md"), "utf8");
    expect(replaceBetweenMarkers(doc, renderErDiagrams(schemaAreas()))).toBe(doc);
  });

  it("every table of the schema is in exactly one area", () => {
    expect(allTables().length).toBeGreaterThan(40);
    expect(coverageProblems(schemaAreas(), allTables())).toEqual([]);
  });

  it("draws keys, database column names, optional and one-to-one relations, and schema-qualified tables", () => {
    const owners = pgTable("owners", { id: uuid().primaryKey(), emailAddress: text().notNull().unique() });
    const pets = pgTable(
      "pets",
      {
        id: uuid().primaryKey(),
        ownerId: uuid().notNull().references(() => owners.id),
        vetId: uuid().references(() => owners.id),
        legs: integer().notNull(),
      },
      (t) => [uniqueIndex().on(t.vetId).where(sql`${t.legs} > 0`)],
    );
    const other = pgSchema("other");
    const tags = other.table("tags", { petId: uuid().primaryKey().references(() => pets.id), label: text() });
    const markdown = renderErDiagrams([{ title: "Pets", tables: [owners, pets, tags] }]);
    expect(markdown).toContain("### Pets\n\nTables: `owners`, `pets`, `other.tags`.");
    expect(markdown).toContain("    text email_address UK\n");
    expect(markdown).toContain("    uuid owner_id FK\n");
    expect(markdown).toContain("    uuid pet_id PK, FK\n");
    expect(markdown).toContain('  owners ||--o{ pets : "owner_id"');
    // A partial unique index does not make the relation one-to-one; a nullable key makes it optional.
    expect(markdown).toContain('  owners |o--o{ pets : "vet_id"');
    expect(markdown).toContain('  pets ||--o| other_tags : "pet_id"');
  });

  it("replaces only what lies between the markers, and refuses a document without them", () => {
    const doc = `# T\n\nby hand\n${BEGIN_MARKER}\nold\n${END_MARKER}\n\nalso by hand\n`;
    expect(replaceBetweenMarkers(doc, "new")).toBe(`# T\n\nby hand\n${BEGIN_MARKER}\n\nnew\n\n${END_MARKER}\n\nalso by hand\n`);
    expect(() => replaceBetweenMarkers("# no markers", "new")).toThrow(/markers/);
  });
});
