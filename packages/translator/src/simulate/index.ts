// The traffic simulator: a call through one proxy's generated xDS resources. This file only re-exports.
export { formatSimulation } from './format.js';
export { parseConfigPath } from './istio-config.js';
export { simulate } from './simulate.js';
export type {
  SimulatedCall,
  SimulatedConfig,
  SimulatedFault,
  SimulatedMirror,
  SimulatedRetries,
  SimulatedWeightedPick,
  SimulationOutcome,
  SimulationResources,
  SimulationResult,
} from './types.js';
