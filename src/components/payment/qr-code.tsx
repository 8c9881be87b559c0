"use client";

import QRCode from "qrcode";
import { useMemo, useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

/** The page's origin in the browser; null while rendering on the server. */
function useOrigin(): string | null {
  return useSyncExternalStore(
    subscribeNever,
    () => window.location.origin,
    () => null,
  );
}

/**
 * A real, scannable QR code for the simulated wallet page of a charge (`/pay/scan/<token>`):
 * a phone on the same network opens the payer's page with its camera. The code carries the
 * absolute URL as the browser reached the shop, so it works through any host name or port.
 * Encoding is done by the `qrcode` package (Reed–Solomon, masks, versions) and drawn here as
 * one SVG path, crisp at any size.
 */
export function QrCode({ token, label }: { token: string; label: string }) {
  const origin = useOrigin();
  const url = origin ? `${origin}/pay/scan/${encodeURIComponent(token)}` : null;
  const drawing = useMemo(() => (url ? qrPath(url) : null), [url]);
  return (
    <svg
      role="img"
      aria-label={label}
      data-qr-url={url ?? undefined}
      viewBox={drawing ? `-4 -4 ${drawing.size + 8} ${drawing.size + 8}` : "0 0 1 1"}
      className="h-48 w-48 rounded bg-white"
      shapeRendering="crispEdges"
    >
      {drawing && <path d={drawing.path} fill="#0f172a" />}
    </svg>
  );
}

/** The dark modules of the code as one path of unit squares, and the code's size in modules. */
function qrPath(text: string): { size: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const parts: string[] = [];
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (modules.get(x, y)) parts.push(`M${x} ${y}h1v1h-1z`);
    }
  }
  return { size: modules.size, path: parts.join("") };
}
