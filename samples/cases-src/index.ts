import type { SampleCase } from '../lib/sample-case.js';
import { ecoEmissionMajor } from './eco-emission-major.js';
import { foodBusinessLicense } from './food-business-license.js';
import { hazchemSeizure } from './hazchem-seizure.js';
import { marketExpiredFoodHearing } from './market-expired-food-hearing.js';
import { transportOnsitePenalty } from './transport-onsite-penalty.js';
import { urbanRoadOccupation } from './urban-road-occupation.js';

/** The sample cases, in the order samples/README.md lists them. */
export const SAMPLE_CASES: readonly SampleCase[] = [
  marketExpiredFoodHearing,
  ecoEmissionMajor,
  urbanRoadOccupation,
  transportOnsitePenalty,
  foodBusinessLicense,
  hazchemSeizure,
];
