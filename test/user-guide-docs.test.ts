import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { shotPath, USER_GUIDE_LANGUAGES, USER_GUIDE_SHOTS, type UserGuideLanguage } from "../e2e/docs/user-guide-shots";

const ROOT = path.resolve(import.meta.dirname, "..");
const GUIDES: Record<UserGuideLanguage, string> = { en: "docs/user-guide.md", "zh-CN": "docs/user-guide.zh-CN.md" };

type Section = { level: number; images: string[] };

/** The guide's headings (## and ###) in order, each with the images shown under it. */
function sections(markdown: string): Section[] {
  const result: Section[] = [];
  for (const line of markdown.split("\n")) {
    const heading = /^(#{2,3}) /.exec(line);
    if (heading) result.push({ level: heading[1]!.length, images: [] });
    for (const match of line.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) result.at(-1)?.images.push(match[1]!);
  }
  return result;
}

function read(language: UserGuideLanguage): string {
  return fs.readFileSync(path.join(ROOT, GUIDES[language]), "utf8");
}

describe("user guides", () => {
  for (const language of USER_GUIDE_LANGUAGES) {
    it(`${GUIDES[language]}: every image it shows exists, and it shows every screenshot the spec takes`, () => {
      const images = sections(read(language)).flatMap((s) => s.images);
      const files = images.map((image) => path.join("docs", image));
      for (const file of files) expect(fs.existsSync(path.join(ROOT, file)), `${file} is missing`).toBe(true);
      const expected = USER_GUIDE_SHOTS.map((shot) => shotPath(language, shot));
      expect([...files].sort()).toEqual([...expected].sort());
    });

    it(`docs/images/user-guide/${language}/ holds only the spec's screenshots`, () => {
      const onDisk = fs.readdirSync(path.join(ROOT, "docs/images/user-guide", language)).sort();
      expect(onDisk).toEqual(USER_GUIDE_SHOTS.map((shot) => `${shot}.png`).sort());
    });
  }

  it("both guides have the same sections, each showing the same screenshots", () => {
    const [en, zh] = USER_GUIDE_LANGUAGES.map((language) =>
      sections(read(language)).map((s) => ({ level: s.level, images: s.images.map((image) => path.basename(image)) })),
    );
    expect(en!.length).toBeGreaterThan(20);
    expect(zh).toEqual(en);
  });

  it("each screenshot is a PNG of at most 1280×800 pixels and a reasonable size", () => {
    for (const language of USER_GUIDE_LANGUAGES) {
      for (const shot of USER_GUIDE_SHOTS) {
        const file = fs.readFileSync(path.join(ROOT, shotPath(language, shot)));
        expect(file.subarray(1, 4).toString("ascii"), shot).toBe("PNG");
        // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
        expect(file.readUInt32BE(16), shot).toBeLessThanOrEqual(1280);
        expect(file.readUInt32BE(20), shot).toBeLessThanOrEqual(800);
        expect(file.length, shot).toBeLessThan(300_000);
      }
    }
  });
});

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

describe("links of the user guides, the FAQ and the database document", () => {
  const docs = ["README.md", "docs/user-guide.md", "docs/user-guide.zh-CN.md", "docs/faq.md", "docs/database.md", "docs/operations.md"];
  for (const doc of docs) {
    it(`${doc}: every relative link reaches a file, and every #anchor a heading`, () => {
      const text = fs.readFileSync(path.join(ROOT, doc), "utf8");
      for (const match of text.matchAll(/(?<!!)\[[^\]]*\]\(([^)\s]+)\)/g)) {
        const target = match[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        const [file, anchor] = target.split("#") as [string, string | undefined];
        const resolved = file ? path.resolve(path.dirname(path.join(ROOT, doc)), file) : path.join(ROOT, doc);
        expect(fs.existsSync(resolved), `${doc}: ${target}`).toBe(true);
        if (anchor && resolved.endsWith(".md")) {
          const headings = [...fs.readFileSync(resolved, "utf8").matchAll(/^#{1,6} (.+)$/gm)].map((h) => slug(h[1]!));
          expect(headings, `${doc}: ${target}`).toContain(anchor);
        }
      }
    });
  }
});
