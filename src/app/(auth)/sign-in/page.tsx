import { getTranslations } from "@/i18n/server";
import { SignInForm } from "./sign-in-form";
import { firstParams, type RawSearchParams } from "@/lib/search-params";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signInTitle") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const { callbackUrl } = firstParams(await searchParams, 2000);
  return <SignInForm callbackUrl={callbackUrl ?? null} />;
}
