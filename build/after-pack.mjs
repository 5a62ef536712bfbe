// electron-builder's afterPack hook. electron-builder loads hooks with
// require() or import(), and Node.js 20 cannot load TypeScript that way, so
// this file loads the typed fuse settings of fuses.ts through tsx.
import { tsImport } from 'tsx/esm/api';

export default async function afterPack(context) {
  const { applyFuses } = await tsImport('./fuses.ts', import.meta.url);
  await applyFuses(context);
}
