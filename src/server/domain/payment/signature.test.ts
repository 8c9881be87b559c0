import { describe, expect, it } from "vitest";
import { GATEWAY_HEADERS, verifyGatewayNotification } from "./simulator/simulated-gateway";
import { SIGNATURE_TOLERANCE_SECONDS, computeSignature, signMessage, verifySignature } from "./signature";

const SECRET = "unit-test-secret-0123456789";
const body = JSON.stringify({
  id: "evt_1",
  type: "charge.succeeded",
  createdAt: "2026-11-24T07:30:12.000Z",
  data: { chargeId: "ch_1", chargeKey: "PY1-1", merchantRef: "PY1", amountMinor: 12345, currency: "CNY", failureCode: null, failureMessage: null },
});
const at = new Date("2026-11-24T07:30:12Z");

function headersFor(signed: { timestamp: string; signature: string }, id = "evt_1") {
  return new Headers({ [GATEWAY_HEADERS.timestamp]: signed.timestamp, [GATEWAY_HEADERS.signature]: signed.signature, [GATEWAY_HEADERS.notificationId]: id });
}

describe("signed messages (HMAC-SHA256 over timestamp.body)", () => {
  it("accepts a valid signature inside the tolerance window", () => {
    const signed = signMessage(SECRET, body, at);
    expect(signed.signature).toBe(`v1=${computeSignature(SECRET, signed.timestamp, body)}`);
    expect(verifySignature({ secret: SECRET, rawBody: body, ...signed, now: new Date(at.getTime() + 60_000) })).toEqual({ ok: true });
  });

  it("rejects a tampered body, even by one character", () => {
    const signed = signMessage(SECRET, body, at);
    const tampered = body.replace("12345", "12346");
    expect(verifySignature({ secret: SECRET, rawBody: tampered, ...signed, now: at })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a signature made with another secret", () => {
    const signed = signMessage("another-secret-0123456789", body, at);
    expect(verifySignature({ secret: SECRET, rawBody: body, ...signed, now: at })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a stale timestamp, and one from too far in the future", () => {
    const signed = signMessage(SECRET, body, at);
    const late = new Date(at.getTime() + (SIGNATURE_TOLERANCE_SECONDS + 1) * 1000);
    expect(verifySignature({ secret: SECRET, rawBody: body, ...signed, now: late })).toEqual({ ok: false, reason: "stale_timestamp" });
    const early = new Date(at.getTime() - (SIGNATURE_TOLERANCE_SECONDS + 1) * 1000);
    expect(verifySignature({ secret: SECRET, rawBody: body, ...signed, now: early })).toEqual({ ok: false, reason: "stale_timestamp" });
  });

  it("rejects a timestamp swapped under a valid signature (the timestamp is signed too)", () => {
    const signed = signMessage(SECRET, body, at);
    const moved = String(Number(signed.timestamp) + 10);
    expect(verifySignature({ secret: SECRET, rawBody: body, timestamp: moved, signature: signed.signature, now: at })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects missing and malformed headers", () => {
    const signed = signMessage(SECRET, body, at);
    expect(verifySignature({ secret: SECRET, rawBody: body, timestamp: null, signature: signed.signature, now: at })).toEqual({ ok: false, reason: "missing_headers" });
    expect(verifySignature({ secret: SECRET, rawBody: body, timestamp: signed.timestamp, signature: "sha1=abc", now: at })).toEqual({ ok: false, reason: "malformed" });
    expect(verifySignature({ secret: SECRET, rawBody: body, timestamp: "yesterday", signature: signed.signature, now: at })).toEqual({ ok: false, reason: "malformed" });
  });

  it("rejects a replay captured earlier once the window has passed; inside the window the id check applies", () => {
    const captured = headersFor(signMessage(SECRET, body, at));
    const inWindow = verifyGatewayNotification(SECRET, { headers: captured, rawBody: body, now: new Date(at.getTime() + 10_000) });
    expect(inWindow.ok).toBe(true);
    if (inWindow.ok) expect(inWindow.notification.id).toBe("evt_1"); // the receiver stores this id once (see the integration test)
    const replayed = verifyGatewayNotification(SECRET, { headers: captured, rawBody: body, now: new Date(at.getTime() + 3_600_000) });
    expect(replayed).toEqual({ ok: false, reason: "stale_timestamp", claimedId: "evt_1" });
  });

  it("parses only well-formed notifications after the signature checks out", () => {
    const junk = JSON.stringify({ id: "evt_2", type: "charge.exploded" });
    const result = verifyGatewayNotification(SECRET, { headers: headersFor(signMessage(SECRET, junk, at), "evt_2"), rawBody: junk, now: at });
    expect(result).toEqual({ ok: false, reason: "malformed", claimedId: "evt_2" });
  });
});
