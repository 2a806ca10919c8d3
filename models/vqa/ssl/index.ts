export { DEFAULT_SSL, SSL_LEVELS, sslLevelsOf } from './ssl-config.ts';
export type { SslConfig, SslLevel } from './ssl-config.ts';
export { equivariantVicreg, graphVicreg, makeExpander, nodeVicreg } from './ssl-losses.ts';
export type { EquivariantInputs, VicregWeights } from './ssl-losses.ts';
export { sinkhornLog } from './sinkhorn.ts';
