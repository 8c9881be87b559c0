import { afterCommit } from "@/server/db/after-commit";
import type { Database } from "@/server/db/client";
import { forgetCachedApiKeys } from "@/server/domain/api-key";
import { changeUserDisabled, changeUserRole, type AdminUser, type Role, type UserActor } from "@/server/domain/user";

/**
 * Changes to who may do what: the user module changes the account (sessions included) and,
 * once the transaction commits, the API key cache is dropped in every process, so a disabled
 * user's keys (or a demoted admin's admin keys) stop working at once, not after the cache's 30 s.
 */

/** Makes a user a shopper or an admin (see changeUserRole). Idempotent. */
export function setUserRole({ db, ...change }: { db: Database; userId: string; role: Role } & UserActor): Promise<AdminUser> {
  return db.transaction(async (tx) => {
    const user = await changeUserRole(tx, change);
    afterCommit(tx, forgetCachedApiKeys);
    return user;
  });
}

/** Disables or enables an account (see changeUserDisabled). Idempotent. */
export function setUserDisabled({ db, ...change }: { db: Database; userId: string; disabled: boolean } & UserActor): Promise<AdminUser> {
  return db.transaction(async (tx) => {
    const user = await changeUserDisabled(tx, change);
    afterCommit(tx, forgetCachedApiKeys);
    return user;
  });
}
