#!/usr/bin/env node
// The CLI runs from the compiled output; `npm install` builds it (the `prepare` script).
import('../dist/src/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('pingcha: 未找到编译产物 dist/，请先运行 npm run build');
    process.exit(1);
  }
  throw error;
});
