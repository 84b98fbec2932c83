/** What one sample case module provides to the generator. */
import type { z } from 'zod';
import type { caseFileMetadataSchema, Officer, Party } from '../../src/domain/case-file.js';
import type { DocumentSpec, VolumeParts } from './compose.js';

export type AgencyLevel = 'province' | 'city' | 'county' | 'township';

export const AGENCY_LEVEL_LABELS: Record<AgencyLevel, string> = {
  province: '省级',
  city: '市级',
  county: '区县级',
  township: '乡镇级',
};

export interface Agency {
  name: string;
  shortName: string;
  creditCode: string;
  region: string;
  sector: string;
  level: AgencyLevel;
}

/** Everything the documents of one case repeat: who acts, against whom, under which number. */
export interface CaseContext {
  agency: Agency;
  caseNumber: string;
  cause: string;
  party: Party & { address: string };
  officers: readonly [Officer, Officer];
  /** Head of the handling unit and head of the agency, who sign approvals. */
  unitHead: string;
  agencyHead: string;
}

export type Font = 'embedded' | 'cid';

export interface SampleCase {
  slug: string;
  /** One line for samples/README.md. */
  summary: string;
  font: Font;
  agency: Agency;
  caseFile: z.input<typeof caseFileMetadataSchema>;
  packaging: { kind: 'volume'; parts: VolumeParts } | { kind: 'separate'; documents: DocumentSpec[] };
}
