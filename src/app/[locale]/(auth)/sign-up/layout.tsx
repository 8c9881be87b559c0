import { getTranslations } from "@/i18n/server";

/** The sign-up page is a client component; its title comes from here. */
export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signUpTitle") };
}

export default function SignUpLayout({ children }: { children: React.ReactNode }) {
  return children;
}
