/** The message (in the users catalog) for a domain error code an admin users procedure answered with. */
export function userErrorKey(domainCode: string | undefined) {
  switch (domainCode) {
    case "CANNOT_CHANGE_OWN_ACCESS":
    case "LAST_ADMIN":
    case "USER_NOT_FOUND":
      return `errors.${domainCode}` as const;
    default:
      return "errors.failed" as const;
  }
}
