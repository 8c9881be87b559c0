import { SignInForm } from "./sign-in-form";
import { firstParams, type RawSearchParams } from "@/lib/search-params";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const { callbackUrl } = firstParams(await searchParams, 2000);
  return <SignInForm callbackUrl={callbackUrl ?? null} />;
}
