/**
 * Side-effect import, first in each entry point: ES modules evaluate their imports in order,
 * so .env is in process.env before any later import (scripts/lib.ts reads SHOPFLOW_DATA_DIR
 * as it loads) looks at the environment.
 */
import { loadEnvFile } from "./env-file";

loadEnvFile();
