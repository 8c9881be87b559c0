/** The message (in the apiKeys catalog) for a domain error code a key procedure answered with. */
export function apiKeyErrorKey(domainCode: string | undefined): "errors.limit" | "errors.forbidden" | "errors.notFound" | "errors.failed" {
  switch (domainCode) {
    case "API_KEY_LIMIT_REACHED":
      return "errors.limit";
    case "FORBIDDEN":
      return "errors.forbidden";
    case "API_KEY_NOT_FOUND":
      return "errors.notFound";
    default:
      return "errors.failed";
  }
}
