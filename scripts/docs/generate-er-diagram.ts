/** `npm run docs:er`: redraws the ER diagrams in docs/database.md from the drizzle schema. */
import fs from "node:fs";
import path from "node:path";
import { allTables, coverageProblems, renderErDiagrams, replaceBetweenMarkers, schemaAreas } from "./er-diagram";

const file = path.resolve(import.meta.dirname, "../../docs/database.md");
const areas = schemaAreas();
const problems = coverageProblems(areas, allTables());
if (problems.length > 0) {
  console.error(`scripts/docs/er-diagram.ts: ${problems.join("; ")}`);
  process.exit(1);
}
const before = fs.readFileSync(file, "utf8");
const after = replaceBetweenMarkers(before, renderErDiagrams(areas));
if (after === before) console.log("docs/database.md is up to date.");
else {
  fs.writeFileSync(file, after);
  console.log("docs/database.md: ER diagrams redrawn.");
}
