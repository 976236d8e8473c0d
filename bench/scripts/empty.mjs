// An empty ES module: `node` with an ESM entry point and no code, to separate the ESM loader's
// start-up cost from idc's own work in benchmark 1.
