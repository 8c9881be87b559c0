/**
 * A simulated QR code: a deterministic pattern derived from the charge's token, with the three
 * finder squares of a real code. It is not machine-readable (the "phone" is a page of the
 * simulator, reached through the link next to it).
 */
const SIZE = 25;

function cells(token: string): boolean[] {
  let h = 0x811c9dc5;
  const out: boolean[] = [];
  for (let i = 0; i < SIZE * SIZE; i++) {
    h ^= token.charCodeAt(i % token.length) + i;
    h = Math.imul(h, 0x01000193) >>> 0;
    out.push((h & 0x10) !== 0);
  }
  return out;
}

function inFinder(x: number, y: number): boolean {
  const corners = [
    [0, 0],
    [SIZE - 7, 0],
    [0, SIZE - 7],
  ];
  return corners.some(([cx, cy]) => x >= cx! && x < cx! + 7 && y >= cy! && y < cy! + 7);
}

function finderCell(x: number, y: number): boolean {
  const lx = x < 7 ? x : x - (SIZE - 7);
  const ly = y < 7 ? y : y - (SIZE - 7);
  const edge = lx === 0 || lx === 6 || ly === 0 || ly === 6;
  const core = lx >= 2 && lx <= 4 && ly >= 2 && ly <= 4;
  return edge || core;
}

export function QrCode({ token, label }: { token: string; label: string }) {
  const bits = cells(token);
  return (
    <svg role="img" aria-label={label} viewBox={`-2 -2 ${SIZE + 4} ${SIZE + 4}`} className="h-48 w-48 rounded bg-white" shapeRendering="crispEdges">
      {bits.map((on, i) => {
        const x = i % SIZE;
        const y = Math.floor(i / SIZE);
        const filled = inFinder(x, y) ? finderCell(x, y) : on;
        return filled ? <rect key={i} x={x} y={y} width={1} height={1} fill="#0f172a" /> : null;
      })}
    </svg>
  );
}
