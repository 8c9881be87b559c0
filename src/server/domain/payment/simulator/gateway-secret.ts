/**
 * The HMAC key shared by the simulated gateway and /api/payments/notify. `npm start` generates
 * one into .data/secrets.json; development and tests fall back to a fixed, clearly non-production value.
 */
export function gatewaySecret(): string {
  const value = process.env.GATEWAY_SECRET;
  if (value && value.length >= 16) return value;
  if (process.env.NODE_ENV === "production") throw new Error("GATEWAY_SECRET is required in production");
  return "development-only-gateway-secret";
}
