/** `npm run build`: Next's production build plus the stamp `npm start` checks (scripts/next-build.ts). */
import "./load-env-file";
import { buildNext } from "./next-build";

process.exit(await buildNext());
