/** Zod's built-in validation messages in Chinese, for the API and the CLI alike (imported once by each entry point). */
import { z } from 'zod';

z.config(z.locales.zhCN());
