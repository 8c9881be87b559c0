import { getTranslations } from "@/i18n/server";
import { returnPath } from "@/lib/same-origin-path";
import { firstParams, type RawSearchParams } from "@/lib/search-params";
import { signInReason } from "@/lib/sign-in-reason";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signInTitle") };
}

/** Sign in; `callbackUrl` (a relative path on this site, else ignored) is where to go next, and says why we ask. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const { callbackUrl } = firstParams(await searchParams, 2000);
  const back = returnPath(callbackUrl);
  return <SignInForm callbackUrl={back} reason={signInReason(back)} />;
}
