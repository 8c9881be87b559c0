import type { Messages } from "./messages";
import type { Locale } from "./config";

declare module "use-intl" {
  interface AppConfig {
    Messages: Messages;
    Locale: Locale;
  }
}
