import { getTranslations } from "@/i18n/server";
import { returnPath } from "@/lib/same-origin-path";
import { firstParams, type RawSearchParams } from "@/lib/search-params";
import { signInReason } from "@/lib/sign-in-reason";
import { SignUpForm } from "./sign-up-form";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signUpTitle") };
}

/** Create an account; like sign-in, it leads back to `callbackUrl` (a relative path on this site) and says why. */
export default async function SignUpPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const { callbackUrl } = firstParams(await searchParams, 2000);
  const back = returnPath(callbackUrl);
  return <SignUpForm callbackUrl={back} reason={signInReason(back)} />;
}
